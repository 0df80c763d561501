// The other related activities (per-entity figures beside their published
// totals) and the lavoro agile tables.
#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "cli/report/render_document_internal.h"
#include "cli/report/render_internal.h"
#include "common/period.h"

namespace valore::cli::report_internal {

namespace {

const v1::FigureComparison* PublishedEntityTotal(const v1::Report& report,
                                                 const std::string& code) {
  for (const v1::FigureComparison& f : report.published()) {
    if (f.published().table() == v1::FIGURE_TABLE_ENTITY_FIGURES &&
        f.published().indicator() == code) {
      return &f;
    }
  }
  return nullptr;
}

}  // namespace

Table EntityFigureTable(const v1::Report& report,
                        const std::vector<const v1::IndicatorResult*>& group) {
  std::vector<std::string> entities;
  for (const v1::IndicatorResult* ind : group) {
    for (const v1::EntityValue& ev : ind->entity_values()) {
      if (std::find(entities.begin(), entities.end(), ev.entity()) ==
          entities.end()) {
        entities.push_back(ev.entity());
      }
    }
  }
  Table t;
  t.css_class = "enti";
  std::vector<std::string> head = {"Indicatore"};
  std::set<size_t> numeric;
  for (const std::string& e : entities) {
    numeric.insert(head.size());
    head.push_back(e);
  }
  numeric.insert(head.size());
  head.push_back(report.entity().empty()
                     ? "Totale Unione"
                     : absl::StrCat("Valore ", ScopeLabel(report)));
  numeric.insert(head.size());
  head.push_back("Totale pubblicato");
  t.head = Head(head, numeric);
  for (const v1::IndicatorResult* ind : group) {
    Row row;
    row.cells.push_back(RowHeader(ind->title()));
    for (const std::string& e : entities) {
      std::string text;
      for (const v1::EntityValue& ev : ind->entity_values()) {
        if (ev.entity() == e) text = ValueText(ev.value());
      }
      row.cells.push_back(Number(text));
    }
    row.cells.push_back(Number(ValueText(ind->value())));
    Cell published = Number("");
    if (const v1::FigureComparison* f =
            PublishedEntityTotal(report, ind->code())) {
      published.text = CountText(f->published().count());
      published.highlight = f->differs();
      if (f->differs()) row.css_class = "diff";
    }
    row.cells.push_back(std::move(published));
    t.body.push_back(std::move(row));
  }
  return t;
}

Table LavoroAgileTable(const v1::Report& report,
                       const std::vector<const v1::IndicatorResult*>& group) {
  absl::StatusOr<Period> period = Period::Parse(report.period());
  auto year = [&](int delta) {
    return period.ok() ? absl::StrCat(" (anno ", period->year() + delta, ")")
                       : std::string();
  };
  Table t;
  t.css_class = "lavoro-agile";
  t.head = Head({"Indicatore", absl::StrCat("Valore di riferimento", year(-1)),
                 absl::StrCat("Valore atteso", year(0)),
                 absl::StrCat("Valore rilevato", year(0)),
                 absl::StrCat("Valore atteso", year(1))});
  for (const v1::IndicatorResult* ind : group) {
    Row row;
    row.cells.push_back(RowHeader(ind->title()));
    row.cells.push_back(Text(ValueText(ind->previous_year_value())));
    row.cells.push_back(Text(ind->target().text()));
    row.cells.push_back(Text(ValueText(ind->value())));
    row.cells.push_back(Text(ind->next_year_target().text()));
    t.body.push_back(std::move(row));
  }
  return t;
}

}  // namespace valore::cli::report_internal
