#include "importer/import_plan.h"

#include <algorithm>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/message_digest.h"

namespace valore::import {

std::string ContentRequestId(absl::string_view kind,
                             const google::protobuf::Message& request) {
  // The request's own id is not part of its content.
  return absl::StrCat(
      "import-", kind, "-",
      absl::BytesToHexString(Sha256(RequestFingerprint(request))));
}

ImportPlan PlanImport(const DataFolder& data, const PlanOptions& options) {
  ImportPlan plan;
  *plan.catalog.mutable_catalog() = data.catalog;
  plan.catalog.set_effective_from(options.effective_from);
  plan.catalog.set_request_id(ContentRequestId("catalog", plan.catalog));

  // Each capture service gets the values of the entities it serves, in
  // folder order.
  std::map<std::string, std::vector<const v1::Measurement*>> by_capture;
  for (const v1::Measurement& m : data.measurements) {
    auto route = options.routes.find(m.entity());
    by_capture[route != options.routes.end() ? route->second
                                             : options.default_capture]
        .push_back(&m);
  }
  const size_t per_batch =
      static_cast<size_t>(std::max(1, options.batch_records));
  for (const auto& [capture, measurements] : by_capture) {
    for (size_t begin = 0; begin < measurements.size(); begin += per_batch) {
      MeasurementBatch& batch = plan.measurements.emplace_back();
      batch.capture = capture;
      const size_t end = std::min(measurements.size(), begin + per_batch);
      for (size_t i = begin; i < end; ++i) {
        *batch.request.add_measurements() = *measurements[i];
      }
      batch.request.set_author(options.author);
      batch.request.set_request_id(
          ContentRequestId("measurements", batch.request));
    }
  }

  if (!data.validated_outcomes.empty()) {
    v1::BatchSetValidatedOutcomesRequest& r = plan.validated_outcomes.emplace();
    for (const v1::ValidatedOutcome& v : data.validated_outcomes) {
      *r.add_validated_outcomes() = v;
    }
    // The document's own outcomes, with its footnotes as justifications.
    r.set_from_published_document(true);
    r.set_author(options.author);
    r.set_request_id(ContentRequestId("outcomes", r));
  }
  for (const auto& [period, figures] : data.published) {
    v1::ImportPublishedFiguresRequest& r = plan.published.emplace_back();
    r.set_period(period);
    for (const v1::PublishedFigure& f : figures) *r.add_figures() = f;
    r.set_author(options.author);
    r.set_request_id(ContentRequestId("published", r));
  }
  return plan;
}

}  // namespace valore::import
