// GetReport answers a repeated question from its cache only while nothing
// the report is built from has changed: the catalog, the values of the three
// periods, the validated outcomes and published figures.
#include "services/aggregation/report_cache.h"

#include <functional>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "common/scopes.h"
#include "gtest/gtest.h"
#include "services/aggregation/aggregation_core.h"
#include "storage/test_temp_dir.h"

namespace valore::aggregation {
namespace {

// Values with a version, as a capture service gives them, and revalidation
// against it.
class VersionedSources final : public Sources {
 public:
  VersionedSources() {
    v1::Entity* e = catalog_.add_entities();
    e->set_id("carpi");
    e->set_kind(v1::Entity::KIND_MUNICIPALITY);
    v1::Indicator* i = catalog_.add_indicators();
    i->set_code("00002");
    i->set_title("% domande accolte");
    v1::YearlyTarget* t = i->add_targets();
    t->set_year(2023);
    t->mutable_target()->mutable_threshold();
    v1::TargetComponent* c =
        t->mutable_target()->mutable_threshold()->add_components();
    c->set_comparator(v1::COMPARATOR_AT_LEAST);
    c->mutable_threshold()->set_value(85);
    c->mutable_threshold()->set_unit(v1::UNIT_PERCENT);
    catalog_.set_etag("catalog-1");
  }

  absl::StatusOr<std::shared_ptr<const v1::Catalog>> Catalog(
      Period, int64_t, absl::Time) override {
    return std::make_shared<const v1::Catalog>(catalog_);
  }
  absl::StatusOr<std::vector<FetchedValues>> PeriodsValues(
      const std::vector<Period>& periods, int64_t,
      const std::vector<std::string>&, absl::Time) override {
    ++reads;
    std::vector<FetchedValues> out(periods.size());
    for (FetchedValues& f : out) {
      f.values["carpi"]["00002"].mutable_number()->set_value(value_);
      f.version["capture"] = version_;
    }
    return out;
  }
  void RevalidateAsync(const std::string& catalog_etag,
                       const std::vector<Period>& periods, int64_t,
                       const std::vector<std::string>&,
                       const std::vector<CaptureEtags>& versions, absl::Time,
                       std::function<void(bool)> done) override {
    ++revalidations;
    bool same =
        catalog_etag == catalog_.etag() && versions.size() == periods.size();
    for (const CaptureEtags& v : versions) {
      same = same && v == CaptureEtags{{"capture", version_}};
    }
    done(same);
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

  void Write(double value, const std::string& version) {
    value_ = value;
    version_ = version;
  }
  void NewCatalog(const std::string& etag, const std::string& title) {
    catalog_.set_etag(etag);
    catalog_.mutable_indicators(0)->set_title(title);
  }

  int reads = 0;
  int revalidations = 0;

 private:
  v1::Catalog catalog_;
  double value_ = 80.5;
  std::string version_ = "v1";
};

class ReportCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::KvOptions options;
    options.sync_writes = false;
    absl::StatusOr<std::unique_ptr<AggregationCore>> core =
        AggregationCore::Open(dir_.path(), options, &sources_);
    ASSERT_TRUE(core.ok()) << core.status();
    core_ = *std::move(core);
  }

  v1::Report Report(const std::string& entity = "") {
    v1::GetReportRequest get;
    get.set_period("2023S2");
    get.set_scope(ScopeOf(entity));
    absl::StatusOr<v1::Report> report =
        core_->GetReport(get, absl::InfiniteFuture());
    EXPECT_TRUE(report.ok()) << report.status();
    return report.ok() ? *report : v1::Report();
  }

  storage::TestTempDir dir_;
  VersionedSources sources_;
  std::unique_ptr<AggregationCore> core_;
};

double Value(const v1::Report& report) {
  return report.indicators_size() > 0
             ? report.indicators(0).value().number().value()
             : -1;
}

TEST_F(ReportCacheTest, UnchangedInputsAnswerFromTheCache) {
  // Kept from the second time a report is asked.
  const v1::Report first = Report();
  EXPECT_EQ(Value(first), 80.5);
  EXPECT_EQ(Report().SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(sources_.revalidations, 0);
  EXPECT_EQ(sources_.reads, 2);
  // Revalidated, not read: the report can only be the one built before.
  const v1::Report third = Report();
  EXPECT_EQ(sources_.revalidations, 1);
  EXPECT_EQ(sources_.reads, 2);
  EXPECT_EQ(third.SerializeAsString(), first.SerializeAsString());
  // Each scope is a report of its own.
  EXPECT_EQ(Value(Report("carpi")), 80.5);
  EXPECT_EQ(Value(Report("carpi")), 80.5);
  EXPECT_EQ(sources_.revalidations, 1);
  EXPECT_EQ(sources_.reads, 4);
}

TEST_F(ReportCacheTest, ChangedValuesRebuildTheReport) {
  EXPECT_EQ(Value(Report()), 80.5);
  EXPECT_EQ(Value(Report()), 80.5);
  sources_.Write(90, "v2");
  const v1::Report changed = Report();
  EXPECT_EQ(Value(changed), 90);
  EXPECT_EQ(changed.indicators(0).computed(), v1::OUTCOME_ACHIEVED);
}

TEST_F(ReportCacheTest, ChangedCatalogRebuildsTheReport) {
  EXPECT_EQ(Report().indicators(0).title(), "% domande accolte");
  EXPECT_EQ(Report().indicators(0).title(), "% domande accolte");
  sources_.NewCatalog("catalog-2", "% domande accolte (nidi)");
  EXPECT_EQ(Report().indicators(0).title(), "% domande accolte (nidi)");
}

TEST_F(ReportCacheTest, LocalWritesRebuildTheReport) {
  EXPECT_EQ(Report().indicators(0).final(), v1::OUTCOME_PARTLY_ACHIEVED);
  EXPECT_EQ(Report().indicators(0).final(), v1::OUTCOME_PARTLY_ACHIEVED);
  v1::SetValidatedOutcomeRequest set;
  v1::ValidatedOutcome* v = set.mutable_validated_outcome();
  v->set_item_type(v1::ITEM_TYPE_INDICATOR);
  v->set_item("00002");
  v->set_period("2023S2");
  v->set_scope("scopes/union");
  v->set_outcome(v1::OUTCOME_ACHIEVED);
  v->set_justification("dato rettificato dal settore");
  absl::StatusOr<v1::ValidatedOutcome> stored = core_->SetValidatedOutcome(
      set, "m.rossi", absl::Now(), absl::InfiniteFuture());
  ASSERT_TRUE(stored.ok()) << stored.status();
  const v1::Report validated = Report();
  EXPECT_EQ(validated.indicators(0).final(), v1::OUTCOME_ACHIEVED);
  EXPECT_EQ(validated.disagreements_size(), 1);
}

TEST_F(ReportCacheTest, CachedReportAsyncAnswersOnlyWhileUnchanged) {
  v1::GetReportRequest get;
  get.set_period("2023S2");
  get.set_scope(std::string(kUnionScope));
  auto ask = [&](bool* called) {
    auto bytes = std::make_shared<std::shared_ptr<const std::string>>();
    *called = false;
    const bool started = core_->CachedReportAsync(
        get, absl::InfiniteFuture(),
        [bytes, called](std::shared_ptr<const std::string> b) {
          *called = true;
          *bytes = std::move(b);
        });
    return std::make_pair(started, *bytes);
  };
  bool called = false;
  // Nothing cached yet: nothing to revalidate.
  EXPECT_FALSE(ask(&called).first);
  EXPECT_FALSE(called);
  Report();
  const v1::Report cached = Report();
  auto [started, bytes] = ask(&called);
  EXPECT_TRUE(started);
  EXPECT_TRUE(called);
  ASSERT_NE(bytes, nullptr);
  EXPECT_EQ(*bytes, cached.SerializeAsString());

  // Changed values: the answer is to build the report again, straight away
  // (not revalidating what was just found changed), and keep it.
  sources_.Write(90, "v2");
  std::tie(started, bytes) = ask(&called);
  EXPECT_TRUE(started);
  EXPECT_TRUE(called);
  EXPECT_EQ(bytes, nullptr);
  const int revalidations = sources_.revalidations;
  EXPECT_EQ(Value(Report()), 90);
  EXPECT_EQ(sources_.revalidations, revalidations);
  std::tie(started, bytes) = ask(&called);
  EXPECT_TRUE(started);
  ASSERT_NE(bytes, nullptr);

  // A local write: the cached report cannot answer at all.
  Report();
  std::tie(started, bytes) = ask(&called);
  EXPECT_TRUE(started);
  ASSERT_NE(bytes, nullptr);
  v1::ImportPublishedFiguresRequest figures;
  figures.set_period("2023S2");
  v1::PublishedFigure* f = figures.add_figures();
  f->set_table(v1::FIGURE_TABLE_OUTCOMES);
  f->set_outcome_row(v1::OUTCOME_TABLE_ROW_PROGRAMME_LINES);
  f->set_outcome_column(v1::OUTCOME_ACHIEVED);
  f->set_count(1);
  ASSERT_TRUE(
      core_->ImportPublishedFigures(figures, "m.rossi", absl::Now()).ok());
  EXPECT_FALSE(ask(&called).first);
  EXPECT_FALSE(called);
  EXPECT_EQ(Report().published_size(), 1);
}

TEST(ReportCacheUnitTest, KeepsWhatCanBeRevalidatedFromTheSecondAsk) {
  VersionedSources sources;
  ReportCache cache(&sources);
  auto entry = [](const std::string& etag) {
    auto e = std::make_shared<ReportCache::Entry>();
    e->catalog_etag = "catalog-1";
    // No etag: the values cannot be revalidated (no version at all).
    const CaptureEtags version =
        etag.empty() ? CaptureEtags() : CaptureEtags{{"capture", etag}};
    e->versions = {version, version};
    e->bytes = "report";
    return e;
  };
  bool asked_before = true;
  EXPECT_EQ(cache.Ask("q", &asked_before), nullptr);
  EXPECT_FALSE(asked_before);
  cache.Keep("q", entry("v1"), asked_before);
  EXPECT_EQ(cache.Find("q"), nullptr) << "asked once: not kept";

  EXPECT_EQ(cache.Ask("q", &asked_before), nullptr);
  EXPECT_TRUE(asked_before);
  cache.Keep("q", entry(""), asked_before);
  EXPECT_EQ(cache.Find("q"), nullptr) << "an unversioned input: not kept";
  auto kept = entry("v1");
  cache.Keep("q", kept, asked_before);
  EXPECT_EQ(cache.Find("q"), kept);

  // Found stale: forgotten, and the report built again is kept at once.
  cache.Forget("q", kept);
  EXPECT_EQ(cache.Find("q"), nullptr);
  EXPECT_EQ(cache.Ask("q", &asked_before), nullptr);
  EXPECT_TRUE(asked_before);

  // Revalidation asks the sources with the entry's versions.
  bool unchanged = false;
  cache.Revalidate(*entry("v1"), Period(2023, 2), 0, absl::InfiniteFuture(),
                   [&](bool same) { unchanged = same; });
  EXPECT_FALSE(unchanged) << "three periods asked, two versions kept";
  auto three = entry("v1");
  three->versions.push_back({{"capture", "v1"}});
  cache.Revalidate(*three, Period(2023, 2), 0, absl::InfiniteFuture(),
                   [&](bool same) { unchanged = same; });
  EXPECT_TRUE(unchanged);
}

}  // namespace
}  // namespace valore::aggregation
