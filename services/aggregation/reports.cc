// AggregationCore::GetReportBytes and CachedReportAsync: reports built from
// the catalog, the capture services' values and the local database, and
// answered from the ReportCache while those inputs do not change.
#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "common/error_details.h"
#include "common/period.h"
#include "common/record_checks.h"
#include "common/resource_names.h"
#include "common/text_util.h"
#include "common/timestamp.h"
#include "google/protobuf/arena.h"
#include "services/aggregation/aggregation_core.h"
#include "services/aggregation/forecast.h"
#include "services/aggregation/report_builder.h"
#include "services/common/deadlines.h"

namespace valore::aggregation {

namespace {

// The cache key of a report question.
std::string ReportKey(const v1::GetReportRequest& r, int64_t as_of) {
  return absl::StrCat(r.period(), "|", r.scope(), "|", as_of, "|",
                      r.allow_partial() ? 1 : 0, "|", r.view());
}

}  // namespace

bool AggregationCore::CachedReportAsync(
    const v1::GetReportRequest& r, absl::Time deadline,
    std::function<void(std::shared_ptr<const std::string>)> done) {
  absl::StatusOr<Period> period = Period::Parse(r.period(), "period");
  if (!period.ok()) return false;
  absl::StatusOr<int64_t> as_of_micros = AsOfMicros(r);
  if (!as_of_micros.ok()) return false;
  const int64_t as_of = *as_of_micros;
  std::string key = ReportKey(r, as_of);
  std::shared_ptr<const ReportCache::Entry> cached = reports_.Find(key);
  if (cached == nullptr || cached->local != kv_->LatestSequence()) {
    return false;
  }
  reports_.Revalidate(*cached, *period, as_of, deadline,
                      [this, key = std::move(key), cached,
                       done = std::move(done)](bool unchanged) {
                        // A miss is counted where the report is then built.
                        if (unchanged) counters_.report_cache_hits.Increment();
                        if (!unchanged) {
                          // Stale: the caller builds the report again
                          // (GetReportBytes) and must not revalidate this entry
                          // first; it is kept as asked, so the new report is
                          // cached.
                          reports_.Forget(key, cached);
                        }
                        done(unchanged ? std::shared_ptr<const std::string>(
                                             cached, &cached->bytes)
                                       : nullptr);
                      });
  return true;
}

absl::StatusOr<std::shared_ptr<const std::string>>
AggregationCore::GetReportBytes(const v1::GetReportRequest& r,
                                absl::Time deadline) {
  absl::StatusOr<Period> period = Period::Parse(r.period(), "period");
  if (!period.ok()) return period.status();
  // Checked: any int64 seconds can arrive, and would overflow the micros.
  absl::StatusOr<int64_t> as_of_micros = AsOfMicros(r);
  if (!as_of_micros.ok()) return as_of_micros.status();
  absl::StatusOr<std::string> scope_entity = ParseScopeName(r.scope(), "scope");
  if (!scope_entity.ok()) return scope_entity.status();
  const std::string& entity = *scope_entity;
  if (!v1::ReportView_IsValid(r.view())) {
    return InvalidFieldError(
        "view", absl::StrCat(r.view(),
                             " is not a ReportView (REPORT_VIEW_BASIC or "
                             "REPORT_VIEW_FULL)"));
  }
  const int64_t as_of = *as_of_micros;
  const std::vector<Period> periods = {*period, period->Previous(),
                                       period->SameHalfLastYear()};
  // The three periods are read at once.
  const absl::Time call_deadline =
      r.allow_partial() ? ShareOfTimeLeft(deadline, kPartialReadShare)
                        : deadline;

  // A report asked before, whose inputs have not changed, is answered from
  // the cache; the catalog and the values are revalidated together, each
  // read conditional on what it found then.
  const std::string cache_key = ReportKey(r, as_of);
  bool asked_before = false;
  std::shared_ptr<const ReportCache::Entry> cached =
      reports_.Ask(cache_key, &asked_before);
  // Validated outcomes and published figures live here: any local write
  // changes the sequence number. Read before them, like the etags.
  const uint64_t local = kv_->LatestSequence();
  // Likewise the catalog's watched version, before the catalog is read.
  const std::string catalog_watch = sources_->WatchedCatalog();
  if (cached != nullptr && cached->local == local) {
    absl::Notification checked;
    bool unchanged = false;
    reports_.Revalidate(*cached, *period, as_of, deadline, [&](bool same) {
      unchanged = same;
      checked.Notify();
    });
    checked.WaitForNotification();
    // Shares the cache entry: no copy.
    if (unchanged) {
      counters_.report_cache_hits.Increment();
      return std::shared_ptr<const std::string>(cached, &cached->bytes);
    }
  }
  // Whatever follows, the cache did not answer.
  counters_.report_cache_misses.Increment();
  absl::StatusOr<std::shared_ptr<const v1::Catalog>> fetched_catalog =
      sources_->Catalog(*period, as_of, deadline);
  if (!fetched_catalog.ok()) return fetched_catalog.status();
  const std::shared_ptr<const v1::Catalog> catalog =
      *std::move(fetched_catalog);
  if (!entity.empty() && !CatalogHasEntity(*catalog, entity)) {
    return WithReason(absl::NotFoundError(absl::StrCat(
                          "scope: entity ", QuoteForMessage(entity),
                          " is not in the catalog")),
                      v1::ENTITY_NOT_FOUND, {{"entity", entity}});
  }

  // An entity's report needs only its own values; the Union's needs all.
  std::vector<std::string> entities;
  if (!entity.empty()) {
    entities.push_back(entity);
  } else {
    for (const v1::Entity& e : catalog->entities()) entities.push_back(e.id());
  }
  const std::vector<std::string> asked_entities = entities;
  // A first half's forecast also reads earlier years, in the same call, so
  // that their versions revalidate the cached report with the rest.
  const std::vector<Period> history = ForecastHistoryPeriods(*catalog, *period);
  std::vector<Period> read = periods;
  read.insert(read.end(), history.begin(), history.end());
  absl::StatusOr<std::vector<FetchedValues>> fetched =
      sources_->PeriodsValues(read, as_of, entities, call_deadline);
  if (!fetched.ok()) return fetched.status();
  // Entities whose capture service did not answer, with why.
  std::map<std::string, absl::Status> missing;
  for (const FetchedValues& f : *fetched) {
    missing.insert(f.unavailable.begin(), f.unavailable.end());
  }
  if (!missing.empty() && !r.allow_partial()) {
    const auto& [down, why] = *missing.begin();
    absl::Status unavailable = absl::UnavailableError(absl::StrCat(
        "entity ", QuoteForMessage(down), ": ", why.message(),
        missing.size() > 1
            ? absl::StrCat(" (and ", missing.size() - 1, " more entities)")
            : "",
        "; ask with allow_partial for a partial report"));
    // The dependency that did not answer, as `why` names it; a reason of
    // another code would not describe this status.
    return absl::IsUnavailable(why) ? WithDetailsOf(std::move(unavailable), why)
                                    : unavailable;
  }

  ReportInputs in;
  in.catalog = catalog.get();
  in.period = *period;
  in.scope = entity;
  PeriodValues* targets[] = {&in.current, &in.previous_semester,
                             &in.previous_year};
  std::vector<CaptureEtags> versions;
  for (size_t i = 0; i < read.size(); ++i) {
    versions.push_back((*fetched)[i].version);
    PeriodValues& values = i < 3 ? *targets[i] : in.history[history[i - 3]];
    values = std::move((*fetched)[i].values);
  }
  for (const auto& [down, why] : missing) {
    in.missing_entities.push_back(down);
  }
  absl::StatusOr<std::vector<v1::ValidatedOutcome>> validated =
      validated_->Load(*period, entity, as_of);
  if (!validated.ok()) return validated.status();
  in.validated = *std::move(validated);
  absl::StatusOr<std::vector<v1::PublishedFigure>> published =
      published_.Load(*period);
  if (!published.ok()) return published.status();
  in.published = *std::move(published);

  const bool scope_has_values =
      entity.empty() ? !in.current.empty() : in.current.count(entity) > 0;
  if (!scope_has_values && in.validated.empty() && in.published.empty()) {
    return WithReason(
        absl::NotFoundError(absl::StrCat(
            "period ", period->ToString(), " has no data",
            entity.empty()
                ? ""
                : absl::StrCat(" for entity ", QuoteForMessage(entity)),
            ": no measurement, validated outcome or published figure")),
        v1::PERIOD_HAS_NO_DATA, {{"period", period->ToString()}});
  }
  // Built on an arena (thousands of small messages, freed at once) and kept
  // as bytes: that is what goes out.
  auto entry = std::make_shared<ReportCache::Entry>();
  {
    google::protobuf::Arena arena;
    v1::Report* report =
        google::protobuf::Arena::CreateMessage<v1::Report>(&arena);
    BuildReportInto(in, report);
    if (r.has_as_of()) *report->mutable_as_of() = r.as_of();
    // Built whole all the same: the tables count the items.
    if (r.view() == v1::REPORT_VIEW_BASIC) {
      report->clear_indicators();
      report->clear_lines();
      report->clear_objectives();
      // The forecast's table of lines (the lines at risk) stays.
      report->clear_forecasts();
    }
    entry->bytes = report->SerializeAsString();
  }
  counters_.reports_built.Increment();
  // Incomplete reports are not kept.
  if (missing.empty()) {
    entry->catalog_etag = catalog->etag();
    entry->catalog_watch = catalog_watch;
    entry->local = local;
    entry->versions = std::move(versions);
    if (!history.empty()) entry->periods = read;
    entry->entities = asked_entities;
    reports_.Keep(cache_key, entry, asked_before);
  }
  return std::shared_ptr<const std::string>(entry, &entry->bytes);
}

}  // namespace valore::aggregation
