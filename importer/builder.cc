// Helpers every reader of the data folder uses: source references, cells and
// columns of a table, and the measurements and validated outcomes added to
// the catalog under construction.
#include <initializer_list>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "common/csv_reader.h"
#include "common/labels.h"
#include "common/scopes.h"
#include "importer/data_folder_internal.h"

namespace valore::import::internal {

v1::SourceRef Source(const std::string& file, int row) {
  v1::SourceRef ref;
  ref.set_file(file);
  ref.set_row(row);
  return ref;
}

// The year of a column named like "target_2023"; 0 when absent.
int YearOfColumn(const CsvTable& table, absl::string_view prefix) {
  for (const std::string& column : table.header) {
    int year = 0;
    if (absl::StartsWith(column, prefix) &&
        absl::SimpleAtoi(column.substr(prefix.size()), &year)) {
      return year;
    }
  }
  return 0;
}

std::string Trim(absl::string_view s) {
  return std::string(absl::StripAsciiWhitespace(s));
}

// Checks that `table` has every column in `required`.
bool HasColumns(Builder& b, const std::string& file, const CsvTable& table,
                std::initializer_list<const char*> required) {
  bool ok = true;
  for (const char* column : required) {
    if (table.Column(column) < 0) {
      b.problems.Add(file, 0, absl::StrCat("missing column \"", column, "\""));
      ok = false;
    }
  }
  return ok;
}

void AddValidated(Builder& b, v1::ItemType type, const std::string& item,
                  const std::string& period, const std::string& text,
                  const std::string& file, int row) {
  if (Trim(text).empty()) return;
  absl::StatusOr<v1::Outcome> outcome = ParseOutcome(text, "outcome");
  if (!outcome.ok()) {
    b.problems.Add(file, row, outcome.status());
    return;
  }
  v1::ValidatedOutcome v;
  v.set_item_type(type);
  v.set_item(item);
  v.set_period(period);
  // The appendix's outcomes are the Union-wide report's.
  v.set_scope(std::string(kUnionScope));
  v.set_outcome(*outcome);
  b.out.validated_outcomes.push_back(std::move(v));
  b.out.validated_sources.push_back(Source(file, row));
}

void AddMeasurement(Builder& b, const std::string& entity,
                    const std::string& item, const std::string& period,
                    absl::string_view value_text, const std::string& note,
                    const std::string& file, int row) {
  v1::Measurement m;
  m.set_entity(entity);
  m.set_item(item);
  m.set_period(period);
  m.set_value_text(std::string(value_text));
  m.set_note(note);
  b.out.measurements.push_back(std::move(m));
  b.out.measurement_sources.push_back(Source(file, row));
}

}  // namespace valore::import::internal
