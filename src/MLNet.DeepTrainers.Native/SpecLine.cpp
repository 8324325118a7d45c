#include "SpecLine.h"

#include <sstream>
#include <stdexcept>

namespace mldt {

SpecLine::SpecLine(const std::string& text) : text_(text) {
  std::istringstream in(text);
  in >> kind_;
  std::string token;
  while (in >> token) {
    auto eq = token.find('=');
    if (eq == std::string::npos)
      positional_.push_back(token);
    else
      options_[token.substr(0, eq)] = token.substr(eq + 1);
  }
}

int64_t SpecLine::positional_int(size_t i) const {
  if (i >= positional_.size())
    throw std::invalid_argument("spec line '" + text_ + "' lacks value " + std::to_string(i + 1));
  return std::stoll(positional_[i]);
}

double SpecLine::positional_double(size_t i) const {
  if (i >= positional_.size())
    throw std::invalid_argument("spec line '" + text_ + "' lacks value " + std::to_string(i + 1));
  return std::stod(positional_[i]);
}

double SpecLine::option(const std::string& key, double fallback) const {
  auto it = options_.find(key);
  return it == options_.end() ? fallback : std::stod(it->second);
}

std::string SpecLine::option(const std::string& key, const std::string& fallback) const {
  auto it = options_.find(key);
  return it == options_.end() ? fallback : it->second;
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
