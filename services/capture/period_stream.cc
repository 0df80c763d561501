#include "services/capture/period_stream.h"

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "google/protobuf/arena.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/wire_format_lite.h"

namespace valore::capture {
namespace {

// A message with the arena it lives on.
struct Chunk {
  std::unique_ptr<google::protobuf::Arena> arena;
  v1::StreamPeriodValuesResponse* message = nullptr;
};

Chunk NewChunk() {
  Chunk c;
  c.arena = std::make_unique<google::protobuf::Arena>();
  c.message =
      google::protobuf::Arena::CreateMessage<v1::StreamPeriodValuesResponse>(
          c.arena.get());
  return c;
}

// The messages of entities [first, last).
absl::StatusOr<std::vector<Chunk>> ReadBlock(const storage::SeriesStore& series,
                                             const PeriodStreamRequest& request,
                                             const PeriodStreamOptions& options,
                                             size_t first, size_t last) {
  std::vector<Chunk> chunks;
  chunks.push_back(NewChunk());
  size_t values = 0;
  for (size_t e = first; e < last; ++e) {
    if (values >= options.message_values) {
      chunks.push_back(NewChunk());
      values = 0;
    }
    v1::StreamPeriodValuesResponse* message = chunks.back().message;
    const std::string& entity = request.entities[e];
    for (size_t p = 0; p < request.periods.size(); ++p) {
      v1::EntityPeriodValues* out = message->add_values();
      out->set_entity(entity);
      out->set_period(request.period_names[p]);
      absl::Status read = series.VisitPeriod(
          entity, request.periods[p], request.as_of_micros,
          [&](absl::string_view item, uint64_t revision, int64_t,
              absl::string_view payload) {
            v1::EntityPeriodValues::ItemValue* iv = out->add_values();
            iv->set_item(item.data(), item.size());
            iv->set_revision(static_cast<int64_t>(revision));
            if (!ParseStoredValue(payload, iv->mutable_value())) {
              iv->mutable_value()->Clear();
              iv->mutable_value()->mutable_not_measurable()->set_reason(
                  "stored value unreadable");
            }
          });
      if (!read.ok()) return read;
      values += out->values_size() + 1;
    }
  }
  return chunks;
}

absl::Status SendAll(
    std::vector<Chunk>& chunks,
    const std::function<bool(const v1::StreamPeriodValuesResponse&)>& send) {
  for (Chunk& c : chunks) {
    if (c.message->values_size() > 0 && !send(*c.message)) {
      return absl::CancelledError("the caller went away");
    }
  }
  return absl::OkStatus();
}

}  // namespace

bool ParseStoredValue(absl::string_view payload, v1::Value* out) {
  using google::protobuf::internal::WireFormatLite;
  google::protobuf::io::CodedInputStream in(
      reinterpret_cast<const uint8_t*>(payload.data()),
      static_cast<int>(payload.size()));
  for (;;) {
    const uint32_t tag = in.ReadTag();
    if (tag == 0) return in.ConsumedEntireMessage();
    if (WireFormatLite::GetTagFieldNumber(tag) !=
            v1::Measurement::kValueFieldNumber ||
        WireFormatLite::GetTagWireType(tag) !=
            WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
      if (!WireFormatLite::SkipField(&in, tag)) return false;
      continue;
    }
    uint32_t length = 0;
    if (!in.ReadVarint32(&length)) return false;
    const auto limit = in.PushLimit(static_cast<int>(length));
    // Merged, as protobuf merges a repeated singular message field.
    if (!out->MergePartialFromCodedStream(&in) || !in.ConsumedEntireMessage()) {
      return false;
    }
    in.PopLimit(limit);
  }
}

absl::Status StreamPeriods(
    const storage::SeriesStore& series, const PeriodStreamRequest& request,
    const PeriodStreamOptions& options,
    const std::function<bool(const v1::StreamPeriodValuesResponse&)>& send) {
  const size_t block = std::max<size_t>(1, options.block_entities);
  // At least the block being sent: with none ahead no reader could start.
  const size_t ahead = std::max<size_t>(1, options.blocks_ahead);
  const size_t blocks = (request.entities.size() + block - 1) / block;
  if (options.readers <= 1 || blocks <= 1) {
    for (size_t b = 0; b < blocks; ++b) {
      absl::StatusOr<std::vector<Chunk>> chunks =
          ReadBlock(series, request, options, b * block,
                    std::min(request.entities.size(), (b + 1) * block));
      if (!chunks.ok()) return chunks.status();
      if (absl::Status s = SendAll(*chunks, send); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  // Readers take blocks in order, at most blocks_ahead beyond the one being
  // sent (bounded memory); this thread sends them in order. std::mutex and
  // std::condition_variable: waiting on a predicate over local state.
  std::mutex mu;
  std::condition_variable changed;
  size_t next = 0;     // the next block to read
  size_t sending = 0;  // the block being sent
  bool stop = false;
  std::vector<std::optional<absl::StatusOr<std::vector<Chunk>>>> read(blocks);
  auto reader = [&] {
    for (;;) {
      size_t b = 0;
      {
        std::unique_lock<std::mutex> lock(mu);
        changed.wait(lock, [&] {
          return stop || next >= blocks || next < sending + ahead;
        });
        if (stop || next >= blocks) return;
        b = next++;
      }
      absl::StatusOr<std::vector<Chunk>> chunks =
          ReadBlock(series, request, options, b * block,
                    std::min(request.entities.size(), (b + 1) * block));
      {
        std::lock_guard<std::mutex> lock(mu);
        read[b] = std::move(chunks);
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < options.readers; ++i) threads.emplace_back(reader);
  absl::Status status;
  for (size_t b = 0; b < blocks && status.ok(); ++b) {
    absl::StatusOr<std::vector<Chunk>> chunks;
    {
      std::unique_lock<std::mutex> lock(mu);
      changed.wait(lock, [&] { return read[b].has_value(); });
      chunks = *std::move(read[b]);
      read[b].reset();
      sending = b + 1;
    }
    changed.notify_all();
    status = chunks.ok() ? SendAll(*chunks, send) : chunks.status();
  }
  {
    std::lock_guard<std::mutex> lock(mu);
    stop = true;
  }
  changed.notify_all();
  for (std::thread& t : threads) t.join();
  return status;
}

}  // namespace valore::capture
