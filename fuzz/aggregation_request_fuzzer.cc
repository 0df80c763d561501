// Bytes as GetReportRequest, SetValidatedOutcomeRequest and the other
// aggregation requests (outcomes, figures, audit, snapshots) into
// AggregationCore over one RocksDB per process, with in-memory sources
// serving the shipped catalog and measurements.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/period.h"
#include "fuzz/fuzz_support.h"
#include "services/aggregation/aggregation_core.h"
#include "services/aggregation/sources.h"
#include "valore/v1/aggregation.pb.h"

namespace {

namespace v1 = valore::v1;
using valore::aggregation::AggregationCore;
using valore::aggregation::FetchedValues;
using valore::aggregation::PeriodValues;

// What the catalog and capture services would answer for the shipped data;
// every capture service answers, and a lock is remembered for its period.
class ShippedSources final : public valore::aggregation::Sources {
 public:
  ShippedSources()
      : catalog_(std::make_shared<const v1::Catalog>(
            valore::fuzz::ShippedData().catalog)) {
    for (const v1::Measurement& m : valore::fuzz::ShippedData().measurements) {
      values_[m.period()][m.entity()][m.item()] = m.value();
    }
  }
  absl::StatusOr<std::shared_ptr<const v1::Catalog>> Catalog(
      valore::Period, int64_t, absl::Time) override {
    return catalog_;
  }
  absl::StatusOr<std::vector<FetchedValues>> PeriodsValues(
      const std::vector<valore::Period>& periods, int64_t,
      const std::vector<std::string>& entities, absl::Time) override {
    std::vector<FetchedValues> out(periods.size());
    for (size_t p = 0; p < periods.size(); ++p) {
      auto found = values_.find(periods[p].ToString());
      if (found == values_.end()) continue;
      for (const std::string& e : entities) {
        auto values = found->second.find(e);
        if (values != found->second.end()) out[p].values[e] = values->second;
      }
    }
    return out;
  }
  absl::StatusOr<std::vector<std::string>> LockPeriod(
      valore::Period period, const std::string&,
      const std::vector<std::string>&, absl::Time) override {
    locked_.insert(period.ordinal());
    return std::vector<std::string>{"capture"};
  }
  absl::StatusOr<bool> PeriodLocked(valore::Period period,
                                    const std::vector<std::string>&,
                                    absl::Time) override {
    return locked_.count(period.ordinal()) > 0;
  }

 private:
  std::shared_ptr<const v1::Catalog> catalog_;
  std::map<std::string, PeriodValues> values_;
  std::set<uint16_t> locked_;
};

AggregationCore& Core() {
  static AggregationCore* core = [] {
    static auto* sources = new ShippedSources();
    valore::storage::KvOptions options;
    // Durability is not under test; fsync per input would only slow the run.
    options.sync_writes = false;
    options.block_cache_mib = 8;
    absl::StatusOr<std::unique_ptr<AggregationCore>> opened =
        AggregationCore::Open(valore::fuzz::ScratchDir("aggregation"), options,
                              sources);
    if (!opened.ok()) {
      valore::fuzz::Fail(__FILE__, __LINE__, "Open",
                         opened.status().ToString());
    }
    // The shipped validated outcomes and published figures, as `valore
    // import` stores them, so reports have them to merge.
    const valore::import::DataFolder& data = valore::fuzz::ShippedData();
    if (!data.validated_outcomes.empty()) {
      v1::BatchSetValidatedOutcomesRequest validated;
      validated.set_from_published_document(true);
      for (const v1::ValidatedOutcome& v : data.validated_outcomes) {
        *validated.add_validated_outcomes() = v;
      }
      absl::StatusOr<v1::BatchSetValidatedOutcomesResponse> stored =
          (*opened)->BatchSetValidatedOutcomes(validated, "import",
                                               valore::fuzz::NextTime(),
                                               absl::InfiniteFuture());
      VALORE_FUZZ_CHECK(stored.ok(), stored.status().ToString());
    }
    for (const auto& [period, figures] : data.published) {
      v1::ImportPublishedFiguresRequest published;
      published.set_period(period);
      for (const v1::PublishedFigure& f : figures) *published.add_figures() = f;
      absl::StatusOr<v1::ImportPublishedFiguresResponse> stored =
          (*opened)->ImportPublishedFigures(published, "import",
                                            valore::fuzz::NextTime());
      VALORE_FUZZ_CHECK(stored.ok(), stored.status().ToString());
    }
    return opened->release();
  }();
  return *core;
}

template <typename Request>
bool Parse(const uint8_t* data, size_t size, Request* r) {
  return r->ParseFromArray(data, static_cast<int>(size));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  AggregationCore& core = Core();
  const absl::Time deadline = absl::InfiniteFuture();

  v1::GetReportRequest report;
  if (Parse(data, size, &report)) {
    absl::StatusOr<v1::Report> built = core.GetReport(report, deadline);
    valore::fuzz::CheckBoundedError(built.status(), report.scope());
    if (built.ok()) {
      v1::Report back;
      VALORE_FUZZ_CHECK(back.ParseFromString(built->SerializeAsString()),
                        report.ShortDebugString());
    }
  }

  v1::SetValidatedOutcomeRequest set;
  if (Parse(data, size, &set)) {
    absl::StatusOr<v1::ValidatedOutcome> stored = core.SetValidatedOutcome(
        set, set.author(), valore::fuzz::NextTime(), deadline);
    valore::fuzz::CheckBoundedError(stored.status(),
                                    set.validated_outcome().item());
    valore::fuzz::CheckBoundedError(stored.status(),
                                    set.validated_outcome().scope());
    if (stored.ok() && set.request_id().empty()) {
      // The newest outcome of its item is now the one just stored.
      v1::ListValidatedOutcomesRequest list;
      list.set_parent(
          absl::StrCat(stored->scope(), "/periods/", stored->period()));
      absl::StatusOr<v1::ListValidatedOutcomesResponse> listed =
          core.ListValidatedOutcomes(list);
      VALORE_FUZZ_CHECK(listed.ok(), listed.status().ToString());
      bool found = false;
      for (const v1::ValidatedOutcome& v : listed->validated_outcomes()) {
        found |= v.item() == stored->item() &&
                 v.item_type() == stored->item_type() &&
                 v.revision() == stored->revision();
      }
      VALORE_FUZZ_CHECK(found, stored->ShortDebugString());
    }
  }

  v1::BatchSetValidatedOutcomesRequest batch;
  if (Parse(data, size, &batch)) {
    (void)core.BatchSetValidatedOutcomes(batch, batch.author(),
                                         valore::fuzz::NextTime(), deadline);
  }
  v1::ListValidatedOutcomesRequest list;
  if (Parse(data, size, &list)) (void)core.ListValidatedOutcomes(list);
  v1::ImportPublishedFiguresRequest figures;
  if (Parse(data, size, &figures)) {
    (void)core.ImportPublishedFigures(figures, figures.author(),
                                      valore::fuzz::NextTime());
  }
  v1::ListAuditEventsRequest audit;
  if (Parse(data, size, &audit)) (void)core.ListAuditEvents(audit);

  // Snapshots: a period stays locked once snapshotted, so each period is
  // frozen once and later requests read or compare it.
  v1::TakeSnapshotRequest take;
  if (Parse(data, size, &take)) {
    (void)core.TakeSnapshot(take, take.author(), valore::fuzz::NextTime(),
                            deadline);
  }
  v1::GetSnapshotRequest get;
  if (Parse(data, size, &get)) (void)core.GetSnapshot(get);
  v1::ListSnapshotsRequest snapshots;
  if (Parse(data, size, &snapshots)) (void)core.ListSnapshots(snapshots);
  v1::DiffSnapshotRequest diff;
  if (Parse(data, size, &diff)) (void)core.DiffSnapshot(diff, deadline);
  return 0;
}
