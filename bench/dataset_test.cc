#include "bench/dataset.h"

#include <map>
#include <set>
#include <string>
#include <tuple>

#include "bench/figures.h"
#include "common/period.h"
#include "common/value_fit.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/catalog/catalog_validator.h"

namespace valore::bench {
namespace {

using ::testing::HasSubstr;

TEST(DatasetTest, NationalCatalogIsAValidCatalog) {
  NationalShape shape;
  EXPECT_EQ(shape.records(), 11856000);
  const v1::Catalog catalog = NationalCatalog(shape);
  EXPECT_EQ(catalog.entities_size(), 7904);
  EXPECT_EQ(catalog.indicators_size(), 150);
  EXPECT_EQ(catalog.lines_size(), 30);
  const std::vector<v1::ImportProblem> problems =
      catalog::ValidateCatalog(catalog);
  EXPECT_TRUE(problems.empty())
      << problems.size() << " problems, first: " << problems[0].field() << ": "
      << problems[0].message();
}

TEST(DatasetTest, ShippedHistoryFitsTheTargetsInForce) {
  const ShippedHistory history = MakeShippedHistory(
      std::string(VALORE_SOURCE_DIR) + "/data/terre-d-argine-2023");
  ASSERT_GT(history.measurements.size(), 1000u);
  std::map<std::string, const v1::Indicator*> indicators;
  for (const v1::Indicator& ind : history.catalog.indicators()) {
    indicators[ind.code()] = &ind;
  }
  int misfits = 0;
  for (const v1::Measurement& m : history.measurements) {
    auto it = indicators.find(m.item());
    if (it == indicators.end()) continue;  // an executive objective: a %
    absl::StatusOr<Period> period = Period::Parse(m.period());
    ASSERT_TRUE(period.ok());
    const absl::Status fits = CheckValueFits(
        m.value(), TargetFor(*it->second, period->year(), m.entity()),
        it->second->unit());
    if (!fits.ok() && ++misfits <= 3) {
      ADD_FAILURE() << m.entity() << " " << m.item() << " " << m.period()
                    << ": " << fits;
    }
  }
  EXPECT_EQ(misfits, 0);
}

TEST(DatasetTest, RecordsCoverEveryCellOnceInImportOrder) {
  NationalShape shape;
  shape.entities = 3;
  shape.indicators = 4;
  shape.semesters = 5;
  std::set<std::tuple<std::string, std::string, std::string>> cells;
  v1::Measurement m;
  for (int64_t k = 0; k < shape.records(); ++k) {
    NationalRecordAt(shape, k, &m);
    EXPECT_TRUE(cells.emplace(m.entity(), m.item(), m.period()).second) << k;
    ASSERT_TRUE(m.value().has_number());
    EXPECT_FALSE(m.value().display().empty());
  }
  EXPECT_EQ(cells.size(), 60u);
  // Entity by entity, semester by semester, the indicators of a semester
  // together.
  NationalRecordAt(shape, 0, &m);
  EXPECT_EQ(m.entity(), "comune-0001");
  EXPECT_EQ(m.period(), "2019S1");
  NationalRecordAt(shape, 4, &m);
  EXPECT_EQ(m.entity(), "comune-0001");
  EXPECT_EQ(m.period(), "2019S2");
  NationalRecordAt(shape, 20, &m);
  EXPECT_EQ(m.entity(), "comune-0002");
  EXPECT_EQ(SemesterName(9), "2023S2");
}

TEST(DatasetTest, TheSameCellHasTheSameValueEverywhere) {
  v1::Measurement a, b;
  NationalRecord(17, 42, 9, &a);
  NationalRecord(17, 42, 9, &b);
  EXPECT_EQ(a.SerializeAsString(), b.SerializeAsString());
  EXPECT_EQ(a.value().number().value(), NationalValue(17, 42, 9));
}

TEST(FiguresTest, PrintsATableNameValueLinesAndJson) {
  Figures f;
  f.AddAtLeast("ingest_vs_rocksdb", 0.25, 0.5, "ratio of rates");
  f.AddAtMost("capture_rss_mib", 400, 512, "MiB", "peak");
  f.Note("machine", "two \"cores\"");
  const std::string text = f.Text();
  EXPECT_THAT(text, HasSubstr("ingest_vs_rocksdb=0.250\n"));
  EXPECT_THAT(text, HasSubstr("capture_rss_mib=400.0\n"));
  EXPECT_THAT(text, HasSubstr("MISS"));
  const std::string json = f.Json();
  EXPECT_THAT(json, HasSubstr("\"ingest_vs_rocksdb\": {\"value\": 0.250"));
  EXPECT_THAT(json, HasSubstr("\"met\": false"));
  EXPECT_THAT(json, HasSubstr("\"met\": true"));
  EXPECT_THAT(json, HasSubstr("\"machine\": \"two \\\"cores\\\"\""));
}

}  // namespace
}  // namespace valore::bench
