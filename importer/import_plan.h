// The requests that store a data folder, in the order to send them, for any
// client to send over its own transport. Each request id is derived from
// the request's content, so the same folder planned again gives the same
// ids: sending the plan again after an interruption (a service down halfway)
// completes the import and stores nothing twice.
#ifndef VALORE_IMPORTER_IMPORT_PLAN_H_
#define VALORE_IMPORTER_IMPORT_PLAN_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "importer/data_folder.h"
#include "valore/v1/aggregation.pb.h"
#include "valore/v1/capture.pb.h"
#include "valore/v1/catalog.pb.h"

namespace valore::import {

struct PlanOptions {
  // ImportCatalogRequest.effective_from: "2025S1", or empty for every period.
  std::string effective_from;
  // The author named in the writes that carry one.
  std::string author;
  // Entity id -> the capture service that keeps its values; entities not
  // listed go to `default_capture`.
  std::map<std::string, std::string> routes;
  std::string default_capture;
  // Measurements per BatchWriteMeasurements (at most kMaxBatchRecords).
  int batch_records = 1000;
};

struct MeasurementBatch {
  // The capture service to send it to: a route of PlanOptions, or
  // default_capture.
  std::string capture;
  v1::BatchWriteMeasurementsRequest request;
};

struct ImportPlan {
  // First: capture checks every value against the catalog in force.
  v1::ImportCatalogRequest catalog;
  std::vector<MeasurementBatch> measurements;
  // Unset when the folder has none.
  std::optional<v1::BatchSetValidatedOutcomesRequest> validated_outcomes;
  // One per period.
  std::vector<v1::ImportPublishedFiguresRequest> published;
};

ImportPlan PlanImport(const DataFolder& data, const PlanOptions& options);

// "import-<kind>-<sha-256 of the request without its id>".
std::string ContentRequestId(absl::string_view kind,
                             const google::protobuf::Message& request);

}  // namespace valore::import

#endif  // VALORE_IMPORTER_IMPORT_PLAN_H_
