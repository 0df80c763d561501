#include "bench/figures.h"

#include <cmath>
#include <filesystem>
#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace valore::bench {
namespace {

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += absl::StrFormat("\\u%04x", c);
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// Enough digits for ratios and rates alike, without exponent noise.
std::string Number(double v) {
  if (!std::isfinite(v)) return "null";
  if (v != 0 && std::fabs(v) < 0.01) return absl::StrFormat("%.6f", v);
  if (std::fabs(v) < 100) return absl::StrFormat("%.3f", v);
  return absl::StrFormat("%.1f", v);
}

}  // namespace

void Figures::Add(const std::string& name, double value,
                  const std::string& unit, const std::string& what) {
  figures_.push_back({name, value, unit, what, "", true});
}

void Figures::AddAtLeast(const std::string& name, double value, double min,
                         const std::string& what) {
  figures_.push_back({name, value, "ratio", what,
                      absl::StrCat(">= ", Number(min)), value >= min});
}

void Figures::AddAtMost(const std::string& name, double value, double max,
                        const std::string& unit, const std::string& what) {
  figures_.push_back({name, value, unit, what, absl::StrCat("<= ", Number(max)),
                      value <= max});
}

void Figures::Note(const std::string& key, const std::string& value) {
  notes_.emplace_back(key, value);
}

std::string Figures::Text() const {
  size_t name_width = 4;
  size_t value_width = 5;
  for (const Figure& f : figures_) {
    name_width = std::max(name_width, f.name.size());
    value_width = std::max(value_width, Number(f.value).size());
  }
  std::string out = absl::StrFormat(
      "%-*s  %*s  %-10s  %-8s  %s\n", static_cast<int>(name_width), "name",
      static_cast<int>(value_width), "value", "unit", "target", "what");
  for (const Figure& f : figures_) {
    std::string target = f.target;
    if (!target.empty()) target += f.met ? " ok" : " MISS";
    absl::StrAppend(
        &out, absl::StrFormat("%-*s  %*s  %-10s  %-8s  %s\n",
                              static_cast<int>(name_width), f.name,
                              static_cast<int>(value_width), Number(f.value),
                              f.unit, target, f.what));
  }
  out += "\n";
  for (const Figure& f : figures_) {
    absl::StrAppend(&out, f.name, "=", Number(f.value), "\n");
  }
  return out;
}

std::string Figures::Json() const {
  std::string out = "{\n  \"figures\": {\n";
  for (size_t i = 0; i < figures_.size(); ++i) {
    const Figure& f = figures_[i];
    absl::StrAppend(
        &out, "    ", JsonString(f.name), ": {\"value\": ", Number(f.value),
        ", \"unit\": ", JsonString(f.unit), ", \"what\": ", JsonString(f.what));
    if (!f.target.empty()) {
      absl::StrAppend(&out, ", \"target\": ", JsonString(f.target),
                      ", \"met\": ", f.met ? "true" : "false");
    }
    absl::StrAppend(&out, "}", i + 1 < figures_.size() ? "," : "", "\n");
  }
  out += "  },\n  \"notes\": {\n";
  for (size_t i = 0; i < notes_.size(); ++i) {
    absl::StrAppend(&out, "    ", JsonString(notes_[i].first), ": ",
                    JsonString(notes_[i].second),
                    i + 1 < notes_.size() ? "," : "", "\n");
  }
  out += "  }\n}\n";
  return out;
}

absl::Status Figures::WriteJson(const std::string& path) const {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(),
                                      ec);
  std::ofstream out(path);
  out << Json();
  out.close();
  if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

}  // namespace valore::bench
