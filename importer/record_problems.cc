#include "importer/record_problems.h"

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/record_checks.h"
#include "common/text_util.h"

namespace valore::import {
namespace {

void Add(std::vector<v1::ImportProblem>* problems,
         const std::vector<v1::SourceRef>& sources, size_t index,
         absl::string_view what, const absl::Status& status) {
  v1::ImportProblem* p = &problems->emplace_back();
  if (index < sources.size()) *p->mutable_source() = sources[index];
  const google::rpc::BadRequest bad = BadRequestOf(status);
  if (bad.field_violations_size() > 0) {
    p->set_field(bad.field_violations(0).field());
  }
  p->set_message(absl::StrCat(what, ": ", status.message()));
}

void CheckMeasurements(const DataFolder& data,
                       std::vector<v1::ImportProblem>* problems) {
  absl::flat_hash_map<std::string, ItemRule> rules;
  for (const v1::Indicator& i : data.catalog.indicators()) {
    rules.emplace(i.code(), RuleOfIndicator(i));
  }
  for (const v1::ExecutiveObjective& o : data.catalog.executive_objectives()) {
    rules.emplace(o.code(), RuleOfObjective());
  }
  for (size_t i = 0; i < data.measurements.size(); ++i) {
    const v1::Measurement& m = data.measurements[i];
    const std::string what = absl::StrCat("value of ", m.item(), " for ",
                                          m.entity(), " in ", m.period());
    auto add = [&](const absl::Status& s) {
      Add(problems, data.measurement_sources, i, what, s);
    };
    if (absl::Status s = CheckMeasurementShape(m, ""); !s.ok()) {
      add(s);
      continue;
    }
    absl::StatusOr<Period> period = Period::Parse(m.period(), "period");
    if (!period.ok()) {
      add(period.status());
      continue;
    }
    if (!CatalogHasEntity(data.catalog, m.entity())) {
      add(WithReason(absl::NotFoundError(
                         absl::StrCat("entity: ", QuoteForMessage(m.entity()),
                                      " is not in the catalog")),
                     v1::ENTITY_NOT_FOUND, {{"entity", m.entity()}}));
      continue;
    }
    auto rule = rules.find(m.item());
    if (rule == rules.end()) {
      add(WithReason(
          absl::NotFoundError(absl::StrCat("item: ", QuoteForMessage(m.item()),
                                           " is not in the catalog")),
          v1::ITEM_NOT_FOUND, {{"item", m.item()}}));
      continue;
    }
    v1::Value parsed;
    if (absl::Status s =
            CheckMeasurementValue(m, rule->second, *period, "", &parsed);
        !s.ok()) {
      add(s);
    }
  }
}

}  // namespace

std::vector<v1::ImportProblem> FindRecordProblems(const DataFolder& data) {
  std::vector<v1::ImportProblem> problems;
  CheckMeasurements(data, &problems);
  for (size_t i = 0; i < data.validated_outcomes.size(); ++i) {
    const v1::ValidatedOutcome& v = data.validated_outcomes[i];
    const std::string what =
        absl::StrCat("validated outcome of ", v.item(), " in ", v.period());
    absl::StatusOr<CheckedOutcome> checked = CheckValidatedOutcome(v, "");
    absl::Status s = checked.ok() ? CheckValidatedInCatalog(v, checked->entity,
                                                            data.catalog, "")
                                  : checked.status();
    if (!s.ok()) Add(&problems, data.validated_sources, i, what, s);
  }
  for (const auto& [period, figures] : data.published) {
    static const std::vector<v1::SourceRef> kNone;
    auto sources = data.published_sources.find(period);
    const std::vector<v1::SourceRef>& where =
        sources == data.published_sources.end() ? kNone : sources->second;
    absl::Status period_ok = Period::Parse(period, "period").status();
    for (size_t i = 0; i < figures.size(); ++i) {
      const std::string what = absl::StrCat("published figure of ", period);
      absl::Status s =
          period_ok.ok() ? CheckPublishedFigure(figures[i], "") : period_ok;
      if (!s.ok()) Add(&problems, where, i, what, s);
    }
  }
  return problems;
}

}  // namespace valore::import
