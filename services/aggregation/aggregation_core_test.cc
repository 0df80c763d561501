#include "services/aggregation/aggregation_core.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "storage/test_temp_dir.h"

namespace valore::aggregation {
namespace {

using ::testing::HasSubstr;

// One entity and one value: enough for a report to exist.
class OneValue final : public Sources {
 public:
  OneValue() {
    v1::Entity* e = catalog_.add_entities();
    e->set_id("carpi");
    e->set_kind(v1::Entity::KIND_MUNICIPALITY);
  }
  absl::StatusOr<std::shared_ptr<const v1::Catalog>> Catalog(
      Period, int64_t, absl::Time) override {
    return std::make_shared<const v1::Catalog>(catalog_);
  }
  absl::StatusOr<std::vector<FetchedValues>> PeriodsValues(
      const std::vector<Period>& periods, int64_t,
      const std::vector<std::string>&, absl::Time) override {
    std::vector<FetchedValues> out(periods.size());
    for (FetchedValues& f : out) {
      f.values["carpi"]["00002"].mutable_number()->set_value(80.5);
    }
    return out;
  }
  absl::StatusOr<std::vector<std::string>> LockPeriod(
      Period, const std::string&, const std::vector<std::string>&,
      absl::Time) override {
    return std::vector<std::string>();
  }
  absl::StatusOr<bool> PeriodLocked(Period, const std::vector<std::string>&,
                                    absl::Time) override {
    return false;
  }

 private:
  v1::Catalog catalog_;
};

// Regression, found by aggregation_request_fuzzer: GetReport with an as_of
// past the year 9999 overflowed int64 microseconds (undefined behaviour);
// now it is INVALID_ARGUMENT naming the field.
TEST(AggregationCoreTest, GetReportRefusesAnAsOfOutOfRange) {
  storage::TestTempDir dir;
  OneValue sources;
  storage::KvOptions options;
  options.sync_writes = false;
  absl::StatusOr<std::unique_ptr<AggregationCore>> core =
      AggregationCore::Open(dir.path(), options, &sources);
  ASSERT_TRUE(core.ok()) << core.status();

  v1::GetReportRequest get;
  get.set_period("2023S2");
  get.set_scope("scopes/union");
  get.mutable_as_of()->set_seconds(100000000000000);
  absl::StatusOr<v1::Report> report =
      (*core)->GetReport(get, absl::InfiniteFuture());
  EXPECT_TRUE(absl::IsInvalidArgument(report.status())) << report.status();
  EXPECT_THAT(report.status().message(), HasSubstr("as_of.seconds"));

  get.mutable_as_of()->set_seconds(1704067200);
  report = (*core)->GetReport(get, absl::InfiniteFuture());
  EXPECT_TRUE(report.ok()) << report.status();
}

}  // namespace
}  // namespace valore::aggregation
