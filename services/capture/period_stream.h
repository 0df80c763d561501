// The reading behind CaptureService.StreamPeriodValues: the latest values of
// some periods for many entities, read in blocks of entities by a few
// threads at once and handed on in order. Reading, not sending, is what a
// national stream spends its time on.
#ifndef VALORE_SERVICES_CAPTURE_PERIOD_STREAM_H_
#define VALORE_SERVICES_CAPTURE_PERIOD_STREAM_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "storage/series_store.h"
#include "valore/v1/capture.pb.h"

namespace valore::capture {

struct PeriodStreamRequest {
  // In the order they are sent.
  std::vector<std::string> entities;
  // Each period as stored and as named in the answer.
  std::vector<storage::PeriodOrdinal> periods;
  std::vector<std::string> period_names;
  // 0: now.
  int64_t as_of_micros = 0;
};

struct PeriodStreamOptions {
  // Threads reading blocks at once; 1 reads on the calling thread.
  int readers = 2;
  // Entities per block, and blocks read ahead of the one being sent.
  size_t block_entities = 32;
  size_t blocks_ahead = 4;
  // A message ends after the entity that brings it to this many values.
  size_t message_values = 2048;
};

// Hands `send` the values of every (entity, period) of `request`, one
// EntityPeriodValues each (empty when the entity has none), in order, never
// splitting an entity across messages. CANCELLED when `send` returns false;
// the first read error otherwise.
absl::Status StreamPeriods(
    const storage::SeriesStore& series, const PeriodStreamRequest& request,
    const PeriodStreamOptions& options,
    const std::function<bool(const v1::StreamPeriodValuesResponse&)>& send);

// Reads only the value (field 5) of a stored v1::Measurement payload. False
// when malformed.
bool ParseStoredValue(absl::string_view payload, v1::Value* out);

}  // namespace valore::capture

#endif  // VALORE_SERVICES_CAPTURE_PERIOD_STREAM_H_
