// Bytes as a BatchWriteMeasurementsRequest into CaptureCore over one RocksDB
// per process, with an in-memory registry of the shipped entities and items;
// each record then drives Write, ReadSeries, BatchGet, Lock and Unlock, and
// the same bytes are also read as each read and lock request.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "common/period.h"
#include "common/resource_names.h"
#include "common/value_fit.h"
#include "fuzz/fuzz_support.h"
#include "services/capture/capture_core.h"
#include "services/capture/item_registry.h"
#include "valore/v1/capture.pb.h"

namespace {

namespace v1 = valore::v1;
using valore::capture::CaptureCore;

// Records of one batch that also go through the single-record calls.
constexpr int kMaxRecordsFollowed = 4;

// The shipped catalog's entities and items, as CatalogCache would know them.
class ShippedRegistry final : public valore::capture::ItemRegistry {
 public:
  ShippedRegistry() {
    const v1::Catalog& c = valore::fuzz::ShippedData().catalog;
    for (const v1::Entity& e : c.entities()) entities_.insert(e.id());
    for (const v1::Indicator& i : c.indicators()) {
      auto rule = std::make_shared<valore::capture::ItemRule>();
      rule->unit = i.unit();
      *rule->indicator.mutable_targets() = i.targets();
      items_[i.code()] = std::move(rule);
    }
    for (const v1::ExecutiveObjective& o : c.executive_objectives()) {
      auto rule = std::make_shared<valore::capture::ItemRule>();
      rule->unit = v1::UNIT_PERCENT;
      items_[o.code()] = std::move(rule);
    }
  }
  absl::Status CheckEntity(absl::string_view entity, absl::string_view,
                           absl::Time) override {
    if (entities_.contains(entity)) return absl::OkStatus();
    return absl::NotFoundError(
        absl::StrCat("entity \"", entity, "\" is not in the catalog"));
  }
  absl::StatusOr<std::shared_ptr<const valore::capture::ItemRule>> Rule(
      absl::string_view item, absl::string_view, absl::Time) override {
    auto it = items_.find(item);
    if (it != items_.end()) return it->second;
    return absl::NotFoundError(
        absl::StrCat("item \"", item, "\" is not in the catalog"));
  }

 private:
  absl::flat_hash_set<std::string> entities_;
  absl::flat_hash_map<std::string,
                      std::shared_ptr<const valore::capture::ItemRule>>
      items_;
};

const ShippedRegistry& Registry() {
  static auto* registry = new ShippedRegistry();
  return *registry;
}

// What value_fit says of `m` against the shipped catalog.
bool FitsItsItem(const v1::Measurement& m) {
  absl::StatusOr<std::shared_ptr<const valore::capture::ItemRule>> rule =
      const_cast<ShippedRegistry&>(Registry())
          .Rule(m.item(), m.period(), absl::InfiniteFuture());
  absl::StatusOr<valore::Period> period = valore::Period::Parse(m.period(), "");
  if (!rule.ok() || !period.ok()) return false;
  return valore::CheckValueFits(
             m.value(),
             valore::TargetFor((*rule)->indicator, period->year(), m.entity()),
             (*rule)->unit)
      .ok();
}

CaptureCore& Core() {
  static CaptureCore* core = [] {
    auto* registry = const_cast<ShippedRegistry*>(&Registry());
    valore::capture::CaptureOptions options;
    // Durability is not under test; fsync per input would only slow the run.
    options.kv.sync_writes = false;
    options.kv.block_cache_mib = 8;
    absl::StatusOr<std::unique_ptr<CaptureCore>> opened = CaptureCore::Open(
        valore::fuzz::ScratchDir("capture"), options, registry);
    if (!opened.ok()) {
      valore::fuzz::Fail(__FILE__, __LINE__, "Open",
                         opened.status().ToString());
    }
    return opened->release();
  }();
  return *core;
}

template <typename Request>
bool Parse(const uint8_t* data, size_t size, Request* r) {
  return r->ParseFromArray(data, static_cast<int>(size));
}

// The newest revision ReadSeries shows for the cell of `m`, or 0.
int64_t NewestRevision(CaptureCore& core, const v1::Measurement& m) {
  v1::ReadSeriesRequest read;
  read.set_parent(valore::SeriesName(m.entity(), m.item()));
  read.set_start_period(m.period());
  read.set_end_period(m.period());
  absl::StatusOr<v1::ReadSeriesResponse> series = core.ReadSeries(read);
  VALORE_FUZZ_CHECK(series.ok(), series.status().ToString());
  int64_t newest = 0;
  for (const v1::Measurement& got : series->measurements()) {
    VALORE_FUZZ_CHECK(got.entity() == m.entity() && got.item() == m.item() &&
                          got.period() == m.period(),
                      got.ShortDebugString());
    newest = std::max(newest, got.revision());
  }
  return newest;
}

// One record through the single-record calls. Request ids stay empty so
// that no stored answer of an earlier input replaces what is checked.
void FollowRecord(CaptureCore& core, const v1::Measurement& m,
                  const std::string& author) {
  v1::WriteMeasurementRequest write;
  *write.mutable_measurement() = m;
  absl::StatusOr<v1::Measurement> written =
      core.Write(write, author, valore::fuzz::NextTime());
  if (written.ok()) {
    VALORE_FUZZ_CHECK(NewestRevision(core, m) == written->revision(),
                      written->ShortDebugString());
  }

  v1::BatchGetMeasurementsRequest get;
  get.set_period(m.period());
  get.add_entities(m.entity());
  get.add_items(m.item());
  absl::StatusOr<v1::BatchGetMeasurementsResponse> got = core.BatchGet(get);
  if (written.ok()) {
    VALORE_FUZZ_CHECK(
        got.ok() && got->measurements_size() == 1 &&
            got->measurements(0).revision() == written->revision(),
        got.ok() ? got->ShortDebugString() : got.status().ToString());
  }

  // The stream of the entity's period shows the same value and revision.
  v1::StreamPeriodValuesRequest stream;
  stream.add_periods(m.period());
  stream.add_entities(m.entity());
  int streamed = 0;
  absl::Status stream_status = core.StreamPeriodValues(
      stream, [&](const v1::StreamPeriodValuesResponse& chunk) {
        for (const v1::EntityPeriodValues& ev : chunk.values()) {
          for (const auto& iv : ev.values()) {
            if (iv.item() != m.item() || !got.ok()) continue;
            ++streamed;
            VALORE_FUZZ_CHECK(
                got->measurements_size() == 1 &&
                    iv.revision() == got->measurements(0).revision() &&
                    iv.value().SerializeAsString() ==
                        got->measurements(0).value().SerializeAsString(),
                iv.ShortDebugString());
          }
        }
        return true;
      });
  if (written.ok()) {
    VALORE_FUZZ_CHECK(stream_status.ok() && streamed == 1,
                      stream_status.ToString());
  }

  v1::LockPeriodRequest lock;
  lock.set_period(m.period());
  lock.set_reason(m.note().empty() ? "fuzz" : m.note());
  if (!core.Lock(lock, author, valore::fuzz::NextTime()).ok()) return;
  // A locked period refuses writes, and says so.
  absl::StatusOr<v1::Measurement> refused =
      core.Write(write, author, valore::fuzz::NextTime());
  VALORE_FUZZ_CHECK(!refused.ok(), refused->ShortDebugString());
  if (written.ok()) {
    VALORE_FUZZ_CHECK(absl::IsFailedPrecondition(refused.status()),
                      refused.status().ToString());
  }
  v1::UnlockPeriodRequest unlock;
  unlock.set_period(lock.period());
  unlock.set_reason(lock.reason());
  absl::StatusOr<v1::PeriodLock> unlocked =
      core.Unlock(unlock, author, valore::fuzz::NextTime());
  VALORE_FUZZ_CHECK(unlocked.ok() && !unlocked->locked(),
                    unlocked.ok() ? unlocked->ShortDebugString()
                                  : unlocked.status().ToString());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  CaptureCore& core = Core();

  v1::BatchWriteMeasurementsRequest batch;
  if (Parse(data, size, &batch)) {
    absl::StatusOr<v1::BatchWriteMeasurementsResponse> written =
        core.BatchWrite(batch, batch.author(), valore::fuzz::NextTime());
    for (const v1::Measurement& m : batch.measurements()) {
      for (absl::string_view name : {m.entity(), m.item(), m.period()}) {
        valore::fuzz::CheckBoundedError(written.status(), name);
      }
    }
    if (written.ok()) {
      // Only values that fit their item are stored, whatever shape came in.
      for (const v1::Measurement& m : batch.measurements()) {
        VALORE_FUZZ_CHECK(FitsItsItem(m), m.ShortDebugString());
      }
      VALORE_FUZZ_CHECK(
          written->measurements_size() == batch.measurements_size(),
          absl::StrCat(written->measurements_size(), " of ",
                       batch.measurements_size()));
      for (const v1::Measurement& m : written->measurements()) {
        VALORE_FUZZ_CHECK(NewestRevision(core, m) >= m.revision(),
                          m.ShortDebugString());
      }
    }
    for (int i = 0; i < batch.measurements_size() && i < kMaxRecordsFollowed;
         ++i) {
      FollowRecord(core, batch.measurements(i), batch.author());
    }
  }

  // The same bytes as every other request of the service.
  v1::ReadSeriesRequest read;
  if (Parse(data, size, &read)) (void)core.ReadSeries(read);
  v1::BatchGetMeasurementsRequest get;
  if (Parse(data, size, &get)) (void)core.BatchGet(get);
  v1::ListMeasurementRevisionsRequest revisions;
  if (Parse(data, size, &revisions)) (void)core.ListRevisions(revisions);
  v1::ListAuditEventsRequest audit;
  if (Parse(data, size, &audit)) (void)core.ListAuditEvents(audit);
  // Unlocking right after keeps a lock from one input from refusing every
  // later write to its period.
  v1::LockPeriodRequest lock;
  v1::UnlockPeriodRequest unlock;
  if (Parse(data, size, &lock) && Parse(data, size, &unlock)) {
    (void)core.Lock(lock, lock.author(), valore::fuzz::NextTime());
    (void)core.Unlock(unlock, unlock.author(), valore::fuzz::NextTime());
  }
  (void)core.ListLocks();
  return 0;
}
