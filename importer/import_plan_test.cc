#include "importer/import_plan.h"

#include <set>
#include <string>

#include "gtest/gtest.h"

namespace valore::import {
namespace {

DataFolder Shipped() {
  absl::StatusOr<DataFolder> data = ReadDataFolder(
      std::string(VALORE_SOURCE_DIR) + "/data/terre-d-argine-2023");
  EXPECT_TRUE(data.ok()) << data.status();
  return *std::move(data);
}

TEST(PlanImportTest, EveryRecordOnceInOrderWithContentIds) {
  const DataFolder data = Shipped();
  PlanOptions options;
  options.author = "ufficio";
  options.default_capture = "capture";
  options.batch_records = 100;
  const ImportPlan plan = PlanImport(data, options);

  EXPECT_EQ(plan.catalog.catalog().indicators_size(),
            data.catalog.indicators_size());
  size_t measurements = 0;
  std::set<std::string> ids;
  for (const MeasurementBatch& b : plan.measurements) {
    EXPECT_EQ(b.capture, "capture");
    EXPECT_LE(b.request.measurements_size(), 100);
    EXPECT_EQ(b.request.author(), "ufficio");
    measurements += b.request.measurements_size();
    ids.insert(b.request.request_id());
  }
  EXPECT_EQ(measurements, data.measurements.size());
  EXPECT_EQ(ids.size(), plan.measurements.size()) << "ids are distinct";
  ASSERT_TRUE(plan.validated_outcomes.has_value());
  EXPECT_TRUE(plan.validated_outcomes->from_published_document());
  EXPECT_EQ(plan.published.size(), data.published.size());

  // The same folder planned again: the same requests, the same ids.
  const ImportPlan again = PlanImport(data, options);
  EXPECT_EQ(again.catalog.request_id(), plan.catalog.request_id());
  ASSERT_EQ(again.measurements.size(), plan.measurements.size());
  for (size_t i = 0; i < plan.measurements.size(); ++i) {
    EXPECT_EQ(again.measurements[i].request.request_id(),
              plan.measurements[i].request.request_id());
  }
  EXPECT_EQ(again.validated_outcomes->request_id(),
            plan.validated_outcomes->request_id());

  // Changed content, a new id; the id is of the content, not of itself.
  DataFolder changed = data;
  changed.measurements[0].set_value_text("1");
  EXPECT_NE(PlanImport(changed, options).measurements[0].request.request_id(),
            plan.measurements[0].request.request_id());
  v1::ImportCatalogRequest relabelled = plan.catalog;
  relabelled.set_request_id("something-else");
  EXPECT_EQ(ContentRequestId("catalog", relabelled), plan.catalog.request_id());
}

TEST(PlanImportTest, RoutesSendEachEntityToItsCaptureService) {
  const DataFolder data = Shipped();
  PlanOptions options;
  options.default_capture = "union-capture";
  options.routes = {{"carpi", "carpi-capture"}};
  const ImportPlan plan = PlanImport(data, options);
  size_t carpi = 0;
  for (const MeasurementBatch& b : plan.measurements) {
    for (const v1::Measurement& m : b.request.measurements()) {
      EXPECT_EQ(b.capture,
                m.entity() == "carpi" ? "carpi-capture" : "union-capture");
      carpi += m.entity() == "carpi";
    }
  }
  EXPECT_GT(carpi, 0u);
}

}  // namespace
}  // namespace valore::import
