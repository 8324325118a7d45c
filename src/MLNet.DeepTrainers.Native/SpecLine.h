// One line of a text spec: a kind followed by key=value options, e.g.
// "dense in=13 out=64 bias=1 init=glorot_uniform l1=0 l2=0 maxnorm=0". The managed SpecLine class
// is the only writer. This reader is strict and holds no defaults: a key that is missing, repeated,
// malformed or never read by the code that builds the line's object is an error, so a misspelt
// option fails loudly instead of falling back to a value nobody chose.
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mldt {

class SpecLine {
 public:
  explicit SpecLine(const std::string& text);

  const std::string& kind() const { return kind_; }
  int64_t integer(const std::string& key);
  double real(const std::string& key);
  bool flag(const std::string& key);
  std::string word(const std::string& key);
  std::vector<int64_t> integers(const std::string& key);
  // Throws unless every key was read; returns the line as understood (kind, then each key with its
  // parsed value in canonical form), which the managed side compares with what it wrote.
  std::string finish() const;

 private:
  const std::string& take(const std::string& key);
  [[noreturn]] void fail(const std::string& what) const;

  std::string text_;
  std::string kind_;
  std::vector<std::pair<std::string, std::string>> options_;
  std::vector<bool> read_;
  std::vector<std::string> understood_;
};

std::vector<SpecLine> parse_spec(const std::string& text);

}  // namespace mldt
