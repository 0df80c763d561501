// What the data folder leaves implicit, inferred from the text: an
// indicator's unit and kind from its title and target, and an
// objective's sector weights from the "peso" column's grammar.
#include <optional>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "common/italian_number.h"
#include "importer/data_folder_internal.h"

namespace valore::import::internal {

// Whether the title names a count ("N. bambini …", "Numero di pratiche …"):
// counts accumulate over the year (DESIGN §3).
bool IsCountTitle(absl::string_view title) {
  return absl::StartsWith(title, "N.") || absl::StartsWith(title, "N ") ||
         absl::StartsWithIgnoreCase(title, "Numero");
}

v1::Unit UnitFor(absl::string_view title, const v1::Target& target) {
  if (target.has_qualitative()) return v1::UNIT_TEXT;
  if (target.threshold().components_size() == 1) {
    const v1::Unit u = target.threshold().components(0).threshold().unit();
    if (u == v1::UNIT_PERCENT || u == v1::UNIT_EURO || u == v1::UNIT_AREA_KM2) {
      return u;
    }
  }
  // "N. dipendenti formati / totale dipendenti * 100" is a rate, not a count.
  if (absl::StartsWith(title, "%") || absl::StartsWith(title, "Tasso") ||
      absl::StrContains(title, "* 100") || absl::StrContains(title, "*100")) {
    return v1::UNIT_PERCENT;
  }
  if (IsCountTitle(title)) return v1::UNIT_COUNT;
  return v1::UNIT_NUMBER;
}

// "14%" -> the first sector of the code at 14; "== (15% Settore Affari
// generali, 5% altri settori)" -> 15 to the sector so named and 5 to every
// other sector of kind "settore" (see data NOTES.md).
void ParseWeights(Builder& b, const std::string& text, const std::string& code,
                  const absl::flat_hash_map<std::string, std::string>& kinds,
                  v1::ExecutiveObjective* o, const std::string& file, int row) {
  const std::string own = code.substr(0, code.find('.'));
  absl::StatusOr<ParsedNumber> plain = ParseItalianNumber(Trim(text), "peso");
  if (plain.ok()) {
    v1::SectorWeight* w = o->add_weights();
    w->set_sector(own);
    w->set_percent(plain->value);
    return;
  }
  const size_t open = text.find('(');
  const size_t close = text.rfind(')');
  if (open == std::string::npos || close == std::string::npos || close < open) {
    b.problems.Add(file, row,
                   absl::StrCat("peso: \"", text, "\" is not a weight"));
    return;
  }
  std::string named_sector;
  double others = -1;
  for (absl::string_view part :
       absl::StrSplit(text.substr(open + 1, close - open - 1), ',')) {
    part = absl::StripAsciiWhitespace(part);
    size_t pos = 0;
    std::optional<ParsedNumber> n = ConsumeItalianNumber(part, &pos);
    const std::string rest = Trim(part.substr(pos));
    if (!n.has_value()) {
      b.problems.Add(file, row,
                     absl::StrCat("peso: \"", text, "\" is not a weight"));
      return;
    }
    if (absl::StartsWithIgnoreCase(rest, "altri settori")) {
      others = n->value;
      continue;
    }
    for (const v1::Sector& s : b.out.catalog.sectors()) {
      if (!s.display_name().empty() &&
          absl::EqualsIgnoreCase(rest, s.display_name())) {
        named_sector = s.code();
        v1::SectorWeight* w = o->add_weights();
        w->set_sector(s.code());
        w->set_percent(n->value);
      }
    }
    if (named_sector.empty()) {
      b.problems.Add(file, row,
                     absl::StrCat("peso: no sector is named \"", rest,
                                  "\" (see sectors.csv)"));
      return;
    }
  }
  if (others >= 0) {
    for (const v1::Sector& s : b.out.catalog.sectors()) {
      auto kind = kinds.find(s.code());
      const bool is_settore = kind == kinds.end() || kind->second == "settore";
      if (s.code() != named_sector && s.code() != own && is_settore) {
        v1::SectorWeight* w = o->add_weights();
        w->set_sector(s.code());
        w->set_percent(others);
      }
    }
  }
}

}  // namespace valore::import::internal
