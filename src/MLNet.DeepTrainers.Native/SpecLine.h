// One line of a text spec: a kind followed by positional values and key=value options,
// e.g. "dense 13 64 bias=1 init=glorot_uniform". The managed side writes these lines.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace mldt {

class SpecLine {
 public:
  explicit SpecLine(const std::string& text);

  const std::string& kind() const { return kind_; }
  int64_t positional_int(size_t i) const;
  double positional_double(size_t i) const;
  size_t positional_count() const { return positional_.size(); }
  double option(const std::string& key, double fallback) const;
  std::string option(const std::string& key, const std::string& fallback) const;

 private:
  std::string text_;
  std::string kind_;
  std::vector<std::string> positional_;
  std::map<std::string, std::string> options_;
};

std::vector<SpecLine> parse_spec(const std::string& text);

}  // namespace mldt
