#include "services/aggregation/snapshot_diff.h"

#include <map>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "common/figure_labels.h"
#include "common/labels.h"
#include "common/value_text.h"

namespace valore::aggregation {
namespace {

// A change of `what` (said for people), when the two figures differ; the
// typed fields of the change are `change`'s.
void AddChange(v1::DiffSnapshotResponse* out, v1::SnapshotChange change,
               std::string what, std::string snapshot, std::string live) {
  if (snapshot == live) return;
  change.set_what(std::move(what));
  change.set_snapshot(std::move(snapshot));
  change.set_live(std::move(live));
  *out->add_changes() = std::move(change);
}

v1::SnapshotChange ItemChange(v1::SnapshotChange::Kind kind, v1::ItemType type,
                              const std::string& item) {
  v1::SnapshotChange change;
  change.set_kind(kind);
  change.set_item_type(type);
  change.set_item(item);
  return change;
}

v1::SnapshotChange OutcomeChange(v1::ItemType type, const std::string& item,
                                 v1::Outcome frozen, v1::Outcome live) {
  v1::SnapshotChange change =
      ItemChange(v1::SnapshotChange::KIND_OUTCOME, type, item);
  change.set_snapshot_outcome(frozen);
  change.set_live_outcome(live);
  return change;
}

}  // namespace

void DiffReports(const v1::Report& frozen, const v1::Report& live,
                 v1::DiffSnapshotResponse* out) {
  using Change = v1::SnapshotChange;
  std::map<std::string, const v1::IndicatorResult*> live_indicators;
  for (const auto& i : live.indicators()) live_indicators[i.code()] = &i;
  for (const auto& i : frozen.indicators()) {
    auto it = live_indicators.find(i.code());
    const std::string what = absl::StrCat("indicatore ", i.code());
    if (it == live_indicators.end()) {
      AddChange(
          out,
          ItemChange(Change::KIND_ITEM_GONE, v1::ITEM_TYPE_INDICATOR, i.code()),
          what, ValueText(i.value()), "(assente)");
      continue;
    }
    AddChange(out,
              ItemChange(Change::KIND_VALUE, v1::ITEM_TYPE_INDICATOR, i.code()),
              what + " · valore", ValueText(i.value()),
              ValueText(it->second->value()));
    AddChange(out,
              OutcomeChange(v1::ITEM_TYPE_INDICATOR, i.code(), i.final(),
                            it->second->final()),
              what + " · esito", IndicatorOutcomeLabel(i.final()),
              IndicatorOutcomeLabel(it->second->final()));
  }
  std::map<std::string, v1::Outcome> live_lines;
  for (const auto& l : live.lines()) live_lines[l.code()] = l.final();
  for (const auto& l : frozen.lines()) {
    const auto it = live_lines.find(l.code());
    if (it == live_lines.end()) {
      AddChange(out,
                ItemChange(Change::KIND_ITEM_GONE, v1::ITEM_TYPE_PROGRAMME_LINE,
                           l.code()),
                absl::StrCat("linea ", l.code()), LineOutcomeLabel(l.final()),
                "(assente)");
      continue;
    }
    AddChange(out,
              OutcomeChange(v1::ITEM_TYPE_PROGRAMME_LINE, l.code(), l.final(),
                            it->second),
              absl::StrCat("linea ", l.code(), " · esito"),
              LineOutcomeLabel(l.final()), LineOutcomeLabel(it->second));
  }
  std::map<std::string, const v1::ObjectiveResult*> live_objectives;
  for (const auto& o : live.objectives()) live_objectives[o.code()] = &o;
  for (const auto& o : frozen.objectives()) {
    auto it = live_objectives.find(o.code());
    const std::string what = absl::StrCat("obiettivo ", o.code());
    if (it == live_objectives.end()) {
      AddChange(out,
                ItemChange(Change::KIND_ITEM_GONE,
                           v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE, o.code()),
                what, ValueText(o.value()), "(assente)");
      continue;
    }
    AddChange(out,
              ItemChange(Change::KIND_VALUE, v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE,
                         o.code()),
              what + " · valore", ValueText(o.value()),
              ValueText(it->second->value()));
    AddChange(out,
              OutcomeChange(v1::ITEM_TYPE_EXECUTIVE_OBJECTIVE, o.code(),
                            o.final(), it->second->final()),
              what + " · esito", ObjectiveOutcomeLabel(o.final()),
              ObjectiveOutcomeLabel(it->second->final()));
  }
  for (int i = 0;
       i < frozen.outcome_table_size() && i < live.outcome_table_size(); ++i) {
    const auto& a = frozen.outcome_table(i);
    const auto& b = live.outcome_table(i);
    for (int c = 0; c < a.counts_size() && c < b.counts_size(); ++c) {
      Change change;
      change.set_kind(Change::KIND_OUTCOME_TABLE_COUNT);
      // The table's rows come in a fixed order (snapshots taken before rows
      // were named have none).
      change.set_outcome_table_row(static_cast<v1::OutcomeTableRow>(i + 1));
      change.set_outcome_column(a.counts(c).outcome());
      change.set_snapshot_count(a.counts(c).count());
      change.set_live_count(b.counts(c).count());
      AddChange(out, std::move(change),
                absl::StrCat("esiti · ", a.label(), " · ",
                             OutcomeColumnLabel(a.counts(c).outcome())),
                absl::StrCat(a.counts(c).count()),
                absl::StrCat(b.counts(c).count()));
    }
  }
}

}  // namespace valore::aggregation
