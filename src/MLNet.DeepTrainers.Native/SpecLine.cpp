#include "SpecLine.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace mldt {

SpecLine::SpecLine(const std::string& text) : text_(text) {
  std::istringstream in(text);
  in >> kind_;
  std::string token;
  while (in >> token) {
    auto eq = token.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == token.size()) fail("'" + token + "' is not key=value");
    auto key = token.substr(0, eq);
    for (const auto& option : options_)
      if (option.first == key) fail("the key '" + key + "' is given twice");
    options_.emplace_back(key, token.substr(eq + 1));
  }
  read_.assign(options_.size(), false);
}

void SpecLine::fail(const std::string& what) const {
  throw std::invalid_argument("spec line '" + text_ + "': " + what);
}

const std::string& SpecLine::take(const std::string& key) {
  for (size_t i = 0; i < options_.size(); ++i) {
    if (options_[i].first != key) continue;
    if (read_[i]) fail("the key '" + key + "' is read twice");
    read_[i] = true;
    return options_[i].second;
  }
  fail("it lacks the key '" + key + "'");
}

namespace {

template <typename T>
bool parse_whole(const std::string& text, T& value) {
  auto end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end;
}

}  // namespace

int64_t SpecLine::integer(const std::string& key) {
  int64_t value = 0;
  if (!parse_whole(take(key), value)) fail("the key '" + key + "' is not an integer");
  understood_.push_back(key + "=" + std::to_string(value));
  return value;
}

double SpecLine::real(const std::string& key) {
  double value = 0;
  if (!parse_whole(take(key), value) || !std::isfinite(value)) fail("the key '" + key + "' is not a finite number");
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  understood_.push_back(key + "=" + buffer);
  return value;
}

bool SpecLine::flag(const std::string& key) {
  const auto& text = take(key);
  if (text != "0" && text != "1") fail("the key '" + key + "' is not 0 or 1");
  understood_.push_back(key + "=" + text);
  return text == "1";
}

std::string SpecLine::word(const std::string& key) {
  auto text = take(key);
  understood_.push_back(key + "=" + text);
  return text;
}

std::vector<int64_t> SpecLine::integers(const std::string& key) {
  std::vector<int64_t> values;
  std::istringstream in(take(key));
  std::string part, canonical;
  while (std::getline(in, part, ',')) {
    int64_t value = 0;
    if (!parse_whole(part, value)) fail("the key '" + key + "' is not a comma-separated list of integers");
    values.push_back(value);
    canonical += (canonical.empty() ? "" : ",") + std::to_string(value);
  }
  if (values.empty()) fail("the key '" + key + "' is an empty list");
  understood_.push_back(key + "=" + canonical);
  return values;
}

std::string SpecLine::finish() const {
  for (size_t i = 0; i < options_.size(); ++i)
    if (!read_[i]) fail("the key '" + options_[i].first + "' is not one a '" + kind_ + "' line takes");
  std::string result = kind_;
  for (const auto& item : understood_) result += " " + item;
  return result;
}

std::vector<SpecLine> parse_spec(const std::string& text) {
  std::vector<SpecLine> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (line.find_first_not_of(" \t\r") != std::string::npos) lines.emplace_back(line);
  return lines;
}

}  // namespace mldt
