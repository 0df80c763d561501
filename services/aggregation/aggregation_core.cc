// AggregationCore: opening its database, and reading reports. The rest of
// the class: report_cache.cc (building and caching reports),
// validated_outcomes.cc, published_figures.cc, idempotent_writes.cc,
// aggregation_snapshots.cc and aggregation_summaries.cc.
#include "services/aggregation/aggregation_core.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "storage/key_codec.h"

namespace valore::aggregation {

AggregationCore::AggregationCore(std::unique_ptr<storage::KvStore> kv,
                                 Sources* sources, AggregationCounters counters)
    : kv_(std::move(kv)),
      sources_(sources),
      snapshots_(kv_.get()),
      published_(kv_.get()),
      reports_(sources, counters.report_cache_watched_hits),
      counters_(counters) {}

absl::StatusOr<std::unique_ptr<AggregationCore>> AggregationCore::Open(
    const std::string& dir, const storage::KvOptions& options, Sources* sources,
    AggregationCounters counters) {
  storage::KvOptions kv_options = options;
  kv_options.column_families = {"validated",
                                PublishedFigureStore::kFamily,
                                storage::IdempotentWriter::kFamily,
                                "meta",
                                "snapshots",
                                storage::AuditLog::kFamily};
  absl::StatusOr<std::unique_ptr<storage::KvStore>> kv =
      storage::KvStore::Open(dir, kv_options);
  if (!kv.ok()) return kv.status();
  std::unique_ptr<AggregationCore> core(
      new AggregationCore(*std::move(kv), sources, counters));
  absl::StatusOr<std::unique_ptr<storage::AuditLog>> audit =
      storage::AuditLog::Open(core->kv_.get());
  if (!audit.ok()) return audit.status();
  core->audit_ = *std::move(audit);
  core->writer_ = std::make_unique<storage::IdempotentWriter>(
      core->kv_.get(), core->audit_.get());
  absl::StatusOr<std::unique_ptr<ValidatedOutcomeStore>> validated =
      ValidatedOutcomeStore::Open(core->kv_.get());
  if (!validated.ok()) return validated.status();
  core->validated_ = *std::move(validated);
  return core;
}

absl::StatusOr<v1::Report> AggregationCore::GetReport(
    const v1::GetReportRequest& r, absl::Time deadline) {
  absl::StatusOr<std::shared_ptr<const std::string>> bytes =
      GetReportBytes(r, deadline);
  if (!bytes.ok()) return bytes.status();
  v1::Report report;
  if (!report.ParseFromString(**bytes)) {
    return absl::InternalError("aggregation: a report does not read back");
  }
  return report;
}

}  // namespace valore::aggregation
