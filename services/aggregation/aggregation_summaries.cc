// AggregationCore::StreamEntitySummaries: the outcome tables of many
// entities, computed as the capture services stream their values.
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/error_details.h"
#include "common/period.h"
#include "common/resource_names.h"
#include "common/scopes.h"
#include "common/text_util.h"
#include "common/timestamp.h"
#include "google/protobuf/arena.h"
#include "services/aggregation/aggregation_core.h"
#include "services/aggregation/entity_summary.h"

namespace valore::aggregation {

absl::Status AggregationCore::StreamEntitySummaries(
    const v1::StreamEntitySummariesRequest& r, absl::Time deadline,
    const std::function<bool(const v1::StreamEntitySummariesResponse&)>& send) {
  absl::StatusOr<Period> period = Period::Parse(r.period(), "period");
  if (!period.ok()) return period.status();
  absl::StatusOr<int64_t> as_of_micros = AsOfMicros(r);
  if (!as_of_micros.ok()) return as_of_micros.status();
  const int64_t as_of = *as_of_micros;
  absl::StatusOr<std::shared_ptr<const v1::Catalog>> catalog =
      sources_->Catalog(*period, as_of, deadline);
  if (!catalog.ok()) return catalog.status();
  std::vector<std::string> entities;
  bool union_scope = false;
  if (r.scopes_size() == 0) {
    union_scope = true;
    for (const v1::Entity& e : (*catalog)->entities()) {
      entities.push_back(e.id());
    }
  } else {
    absl::flat_hash_set<std::string> known;
    for (const v1::Entity& e : (*catalog)->entities()) known.insert(e.id());
    absl::flat_hash_set<std::string> seen;
    for (int i = 0; i < r.scopes_size(); ++i) {
      const std::string field = absl::StrCat("scopes[", i, "]");
      absl::StatusOr<std::string> e = ParseScopeName(r.scopes(i), field);
      if (!e.ok()) return e.status();
      if (e->empty()) {
        union_scope = true;
        continue;
      }
      if (!known.contains(*e)) {
        return WithReason(absl::NotFoundError(absl::StrCat(
                              field, ": entity ", QuoteForMessage(*e),
                              " is not in the catalog")),
                          v1::ENTITY_NOT_FOUND, {{"entity", *e}});
      }
      // Every scope comes once, as the contract says.
      if (seen.insert(*e).second) entities.push_back(*e);
    }
  }
  absl::StatusOr<std::map<std::string, std::vector<v1::ValidatedOutcome>>>
      validated = validated_->LoadByScope(*period, as_of);
  if (!validated.ok()) return validated.status();

  const SummaryBuilder builder(**catalog, *period);
  const size_t periods = builder.periods().size();
  std::vector<std::string> period_names;
  for (const Period& p : builder.periods()) {
    period_names.push_back(p.ToString());
  }
  std::vector<ItemValues> values(periods);
  std::vector<const v1::ValidatedOutcome*> chosen;
  const std::vector<v1::ValidatedOutcome> kNone;
  auto choose = [&](const std::string& entity) {
    auto own = validated->find(entity);
    const std::vector<v1::ValidatedOutcome>& outcomes =
        own == validated->end() ? kNone : own->second;
    chosen.clear();
    for (const v1::ValidatedOutcome& v : outcomes) chosen.push_back(&v);
  };
  // The Union-wide scope is rolled up from the same values as they stream
  // by: every entity's, whether asked for or not.
  std::optional<UnionWideValues> union_values;
  const absl::flat_hash_set<std::string> asked(entities.begin(),
                                               entities.end());
  // The entities asked for, in their order, then the rest.
  std::vector<std::string> read = entities;
  if (union_scope) {
    union_values.emplace(**catalog, builder.periods());
    for (const v1::Entity& e : (*catalog)->entities()) {
      if (!asked.contains(e.id())) read.push_back(e.id());
    }
  }
  // It is answered first, so the entities' summaries wait for the end.
  std::vector<v1::StreamEntitySummariesResponse> held;
  absl::Status streamed = sources_->StreamValues(
      builder.periods(), as_of, read, deadline,
      [&](const v1::StreamPeriodValuesResponse& chunk) -> absl::Status {
        if (chunk.values_size() % periods != 0) {
          return absl::InternalError(
              absl::StrCat("a capture service answered ", chunk.values_size(),
                           " entity periods, not a multiple of ", periods));
        }
        // Held messages are built where they are kept; the others on an
        // arena, freed once sent.
        google::protobuf::Arena arena;
        auto* out = union_values.has_value()
                        ? &held.emplace_back()
                        : google::protobuf::Arena::CreateMessage<
                              v1::StreamEntitySummariesResponse>(&arena);
        out->set_period(period->ToString());
        out->set_catalog_version((*catalog)->version());
        for (int first = 0; first < chunk.values_size();
             first += static_cast<int>(periods)) {
          const std::string& entity = chunk.values(first).entity();
          for (size_t p = 0; p < periods; ++p) {
            const v1::EntityPeriodValues& ev =
                chunk.values(first + static_cast<int>(p));
            if (ev.entity() != entity || ev.period() != period_names[p]) {
              return absl::InternalError(
                  absl::StrCat("a capture service answered entity ",
                               QuoteForMessage(ev.entity()), " period ",
                               ev.period(), " out of order"));
            }
            values[p].clear();
            for (const v1::EntityPeriodValues::ItemValue& iv : ev.values()) {
              values[p][iv.item()] = &iv.value();
            }
          }
          if (union_values.has_value()) union_values->Add(entity, values);
          if (!asked.contains(entity)) continue;
          choose(entity);
          builder.Build(entity, values, chosen, out->add_summaries());
        }
        if (union_values.has_value()) {
          if (out->summaries_size() == 0) held.pop_back();
        } else if (out->summaries_size() > 0 && !send(*out)) {
          return absl::CancelledError("the caller went away");
        }
        return absl::OkStatus();
      });
  if (!streamed.ok() || !union_values.has_value()) return streamed;
  v1::StreamEntitySummariesResponse first;
  first.set_period(period->ToString());
  first.set_catalog_version((*catalog)->version());
  choose("");
  builder.Build("", union_values->Finish(), chosen, first.add_summaries());
  if (!send(first)) return absl::CancelledError("the caller went away");
  for (const v1::StreamEntitySummariesResponse& chunk : held) {
    if (!send(chunk)) return absl::CancelledError("the caller went away");
  }
  return absl::OkStatus();
}

}  // namespace valore::aggregation
