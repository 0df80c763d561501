// CaptureCore: opening, the checks of records and names, and stored
// revisions as measurements. Writes are in capture_writes.cc, reads in
// capture_reads.cc, period locks in period_locks.cc.
#include "services/capture/capture_core.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/error_details.h"
#include "common/period.h"
#include "common/record_checks.h"
#include "common/resource_names.h"
#include "common/text_util.h"
#include "common/timestamp.h"
#include "common/value_fit.h"
#include "common/value_parser.h"
#include "google/protobuf/arena.h"
#include "services/capture/capture_core_internal.h"
#include "services/common/version_watch_hub.h"

namespace valore::capture {
namespace internal {

void SetTimestamp(int64_t micros, google::protobuf::Timestamp* t) {
  *t = TimestampFromMicros(micros);
}

std::string CellName(const v1::Measurement& m) {
  return MeasurementName(m.entity(), m.item(), m.period());
}

}  // namespace internal

using internal::CellName;
using internal::SetTimestamp;

CaptureCore::CaptureCore(std::unique_ptr<storage::KvStore> kv,
                         std::unique_ptr<storage::SeriesStore> series,
                         const CaptureOptions& options, ItemRegistry* registry)
    : kv_(std::move(kv)),
      series_(std::move(series)),
      locks_(kv_->Family("locks")),
      served_(options.entities.begin(), options.entities.end()),
      registry_(registry),
      instance_(NewInstanceId()),
      on_writable_change_(options.on_writable_change),
      measurements_written_(options.measurements_written) {}

absl::StatusOr<std::unique_ptr<CaptureCore>> CaptureCore::Open(
    const std::string& dir, const CaptureOptions& options,
    ItemRegistry* registry) {
  storage::KvOptions kv_options = options.kv;
  kv_options.column_families = storage::SeriesStore::ColumnFamilies();
  kv_options.column_families.push_back("locks");
  kv_options.column_families.push_back(storage::IdempotentWriter::kFamily);
  kv_options.column_families.push_back(storage::AuditLog::kFamily);
  storage::SeriesStore::TuneOptions(&kv_options);
  // Audit keys are increasing sequence numbers: each event goes at the end.
  kv_options.families[storage::AuditLog::kFamily].insert_hint_prefix = 0;
  absl::StatusOr<std::unique_ptr<storage::KvStore>> kv =
      storage::KvStore::Open(dir, kv_options);
  if (!kv.ok()) return kv.status();
  absl::StatusOr<std::unique_ptr<storage::SeriesStore>> series =
      storage::SeriesStore::Create(kv->get());
  if (!series.ok()) return series.status();
  std::unique_ptr<CaptureCore> core(
      new CaptureCore(*std::move(kv), *std::move(series), options, registry));
  // The log lives in the core, so the core outlives the reader.
  const CaptureCore* reader = core.get();
  absl::StatusOr<std::unique_ptr<storage::AuditLog>> audit =
      storage::AuditLog::Open(
          core->kv_.get(), [reader](const storage::AuditedCell& cell,
                                    uint64_t revision, v1::AuditEvent* event) {
            return reader->ReadAuditedChange(cell, revision, event);
          });
  if (!audit.ok()) return audit.status();
  core->audit_ = *std::move(audit);
  core->writer_ = std::make_unique<storage::IdempotentWriter>(
      core->kv_.get(), core->audit_.get());
  return core;
}

absl::StatusOr<storage::PeriodOrdinal> CaptureCore::CheckRecord(
    const v1::Measurement& m, int index, CheckedSoFar* so_far,
    absl::Time deadline, v1::Value* parsed) {
  // The field prefix is spelled out only for an error message.
  auto prefix = [index]() {
    return index < 0 ? std::string("measurement.")
                     : absl::StrCat("measurements[", index, "].");
  };
  if (absl::Status s =
          CheckMeasurementShape(m, index < 0 ? "measurement." : "");
      !s.ok()) {
    return index < 0 ? s : CheckMeasurementShape(m, prefix());
  }
  absl::StatusOr<Period> period = Period::Parse(m.period(), "period");
  if (!period.ok()) {
    return Period::Parse(m.period(), prefix() + "period").status();
  }
  // Consecutive records of a bulk write are usually of one entity and
  // period: it is checked once.
  if (so_far == nullptr || so_far->entity != m.entity() ||
      so_far->period != m.period()) {
    if (absl::Status s = CheckServed(m.entity(), prefix() + "entity");
        !s.ok()) {
      return s;
    }
    // Against the catalog version in force for the record's period.
    if (absl::Status s =
            registry_->CheckEntity(m.entity(), m.period(), deadline);
        !s.ok()) {
      return WithDetailsOf(
          absl::Status(s.code(),
                       absl::StrCat(prefix(), "entity: ", s.message())),
          s);
    }
    if (so_far != nullptr) {
      so_far->entity = m.entity();
      so_far->period = m.period();
    }
  }
  // A bulk write looks its items up in one table of rules per period;
  // an item missing there, or a single write, asks the registry.
  const ItemRule* rule = nullptr;
  if (so_far != nullptr) {
    auto [table, added] = so_far->rules.try_emplace(m.period());
    if (added) table->second = registry_->Rules(m.period(), deadline);
    if (table->second != nullptr) {
      auto found = table->second->find(m.item());
      if (found != table->second->end()) rule = found->second.get();
    }
  }
  std::shared_ptr<const ItemRule> asked;
  if (rule == nullptr) {
    absl::StatusOr<std::shared_ptr<const ItemRule>> answer =
        registry_->Rule(m.item(), m.period(), deadline);
    if (!answer.ok()) {
      return WithDetailsOf(
          absl::Status(
              answer.status().code(),
              absl::StrCat(prefix(), "item: ", answer.status().message())),
          answer.status());
    }
    asked = *std::move(answer);
    rule = asked.get();
  }
  if (absl::Status s = CheckMeasurementValue(m, *rule, *period, "", parsed);
      !s.ok()) {
    // The field prefix is spelled out only for an error.
    return CheckMeasurementValue(m, *rule, *period, prefix(), parsed);
  }
  return period->ordinal();
}

absl::Status CaptureCore::CheckServed(absl::string_view entity,
                                      absl::string_view field) const {
  if (served_.empty() || served_.contains(entity)) return absl::OkStatus();
  return WithReason(
      absl::NotFoundError(absl::StrCat(
          field, ": ", QuoteForMessage(entity),
          " is not served by this capture service (it serves ",
          absl::StrJoin(
              std::vector<std::string>(served_.begin(), served_.end()), ", "),
          ")")),
      v1::ENTITY_NOT_FOUND, {{"entity", std::string(entity)}});
}

v1::Measurement CaptureCore::ToMeasurement(
    const storage::StoredRevision& r) const {
  v1::Measurement m;
  if (!m.ParseFromString(r.payload)) {
    // Unreadable payloads are shown as such rather than failing a whole read.
    m.Clear();
    m.mutable_value()->mutable_not_measurable()->set_reason(
        "stored value unreadable");
  }
  m.set_entity(r.entity);
  m.set_item(r.item);
  m.set_period(Period::FromOrdinal(r.period).ToString());
  m.set_name(CellName(m));
  m.set_revision(static_cast<int64_t>(r.revision));
  SetTimestamp(r.commit_micros, m.mutable_create_time());
  return m;
}

}  // namespace valore::capture
