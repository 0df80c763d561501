#include "bench/postgres.h"

#include <cstdio>
#include <fstream>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "bench/process.h"

namespace valore::bench {
namespace {

std::string Psql(const PostgresServer& server) {
  return absl::StrCat(server.bin_dir, "/psql -X -q -v ON_ERROR_STOP=1 -h ",
                      server.socket_dir, " -p ", server.port, " -U ",
                      server.user, " -d postgres");
}

// Runs SQL (psql's -c, one statement or meta-command) and returns its
// wall-clock seconds.
absl::StatusOr<double> Run(const PostgresServer& server,
                           const std::string& sql) {
  const std::string command =
      absl::StrCat(Psql(server), " -o /dev/null -c \"", sql, "\" 2>&1");
  const absl::Time start = absl::Now();
  CommandResult r = RunCommand(command);
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  if (r.exit_code != 0) {
    return absl::InternalError(
        absl::StrCat("psql: ", sql.substr(0, 200), ": ", r.output));
  }
  return seconds;
}

// A CSV field: quoted, since displays hold commas ("81,5%").
// Whether the indicator's targets ask for at most a value: the peer's
// lower_is_better column, as evaluation reads the comparators.
bool LowerIsBetter(const v1::Indicator& ind) {
  if (ind.targets_size() == 0 ||
      ind.targets(0).target().threshold().components_size() == 0)
    return false;
  const v1::Comparator c =
      ind.targets(0).target().threshold().components(0).comparator();
  return c == v1::COMPARATOR_AT_MOST || c == v1::COMPARATOR_LESS;
}

std::string Quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string AggregationSql(int year, const std::string& period) {
  // The rules of the services' evaluation (DESIGN §4) for threshold
  // targets of S2, when a flow is compared with the whole yearly target: met
  // -> raggiunto (5); achievement ratio >= 2/3 -> quasi raggiunto (4); else
  // non raggiunto (2). A line: all raggiunto -> 5, all non raggiunto -> 2,
  // some non raggiunto -> quasi con criticità (3), else quasi (4).
  return absl::StrFormat(
      "WITH ev AS ("
      " SELECT m.entity, i.line_code,"
      "  CASE WHEN i.lower_is_better THEN m.value <= t.threshold"
      "       ELSE m.value >= t.threshold END AS met,"
      "  CASE WHEN i.lower_is_better THEN t.threshold / NULLIF(m.value, 0)"
      "       ELSE m.value / NULLIF(t.threshold, 0) END AS ratio"
      " FROM measurements m"
      " JOIN indicators i ON i.code = m.item"
      " JOIN targets t ON t.code = m.item AND t.year = %d"
      " WHERE m.period = '%s'),"
      " ind AS (SELECT entity, line_code,"
      "  CASE WHEN met THEN 5 WHEN ratio >= 2.0 / 3 THEN 4 ELSE 2 END AS o"
      "  FROM ev),"
      " line AS (SELECT entity, line_code,"
      "  CASE WHEN bool_and(o = 5) THEN 5 WHEN bool_and(o = 2) THEN 2"
      "       WHEN bool_or(o = 2) THEN 3 ELSE 4 END AS o"
      "  FROM ind GROUP BY entity, line_code)"
      " SELECT entity,"
      "  count(*) FILTER (WHERE o = 5) AS raggiunto,"
      "  count(*) FILTER (WHERE o = 4) AS quasi,"
      "  count(*) FILTER (WHERE o = 3) AS quasi_con_criticita,"
      "  count(*) FILTER (WHERE o = 2) AS non_raggiunto"
      " FROM line GROUP BY entity ORDER BY entity",
      year, period);
}

absl::StatusOr<PostgresLoad> LoadIntoPostgres(const PostgresServer& server,
                                              const NationalShape& shape,
                                              const std::string& csv_path) {
  {
    std::ofstream csv(csv_path);
    v1::Measurement m;
    std::string line;
    for (int64_t k = 0; k < shape.records(); ++k) {
      NationalRecordAt(shape, k, &m);
      line.clear();
      absl::StrAppend(&line, m.entity(), ",", m.item(), ",", m.period(), ",",
                      absl::StrFormat("%.17g", m.value().number().value()), ",",
                      static_cast<int>(m.value().number().unit()), ",",
                      Quoted(m.value().display()), "\n");
      csv << line;
    }
    csv.close();
    if (!csv) return absl::UnavailableError("cannot write " + csv_path);
  }
  // The catalog side of the query: indicators and their yearly targets.
  const v1::Catalog catalog =
      NationalCatalog(NationalShape{1, shape.indicators, shape.semesters});
  std::string indicators, targets;
  for (const v1::Indicator& ind : catalog.indicators()) {
    absl::StrAppend(&indicators, indicators.empty() ? "" : ",", "('",
                    ind.code(), "','", ind.line_code(), "',",
                    LowerIsBetter(ind) ? "true" : "false", ")");
    for (const v1::YearlyTarget& y : ind.targets()) {
      absl::StrAppend(
          &targets, targets.empty() ? "" : ",", "('", ind.code(), "',",
          y.year(), ",",
          absl::StrFormat(
              "%.17g",
              y.target().threshold().components(0).threshold().value()),
          ")");
    }
  }
  for (const std::string& sql : {
           std::string(
               "DROP TABLE IF EXISTS measurements, indicators, targets"),
           std::string("CREATE TABLE indicators (code text PRIMARY KEY, "
                       "line_code text NOT NULL, lower_is_better boolean "
                       "NOT NULL)"),
           std::string("CREATE TABLE targets (code text, year int, threshold "
                       "double precision NOT NULL, PRIMARY KEY (code, year))"),
           absl::StrCat("INSERT INTO indicators VALUES ", indicators),
           absl::StrCat("INSERT INTO targets VALUES ", targets),
           std::string("CREATE TABLE measurements (entity text NOT NULL, "
                       "item text NOT NULL, period text NOT NULL, value double "
                       "precision NOT NULL, unit smallint NOT NULL, display "
                       "text NOT NULL)"),
       }) {
    absl::StatusOr<double> done = Run(server, sql);
    if (!done.ok()) return done.status();
  }
  PostgresLoad load;
  load.records = shape.records();
  absl::StatusOr<double> copy =
      Run(server, absl::StrCat("\\copy measurements FROM '", csv_path,
                               "' WITH (FORMAT csv)"));
  if (!copy.ok()) return copy.status();
  load.copy_seconds = *copy;
  // The natural key, as the services' "latest" index: one value per cell.
  absl::StatusOr<double> key =
      Run(server,
          "ALTER TABLE measurements ADD PRIMARY KEY (entity, period, item)");
  if (!key.ok()) return key.status();
  load.primary_key_seconds = *key;
  absl::StatusOr<double> analyze = Run(server, "ANALYZE");
  if (!analyze.ok()) return analyze.status();
  load.analyze_seconds = *analyze;
  std::remove(csv_path.c_str());
  return load;
}

absl::StatusOr<PostgresAggregation> AggregateInPostgres(
    const PostgresServer& server, const NationalShape& shape, int runs) {
  const int last = shape.semesters - 1;
  const std::string sql =
      AggregationSql(kFirstYear + last / 2, SemesterName(last));
  PostgresAggregation out;
  out.entities = shape.entities;
  for (int i = 0; i < runs; ++i) {
    absl::StatusOr<double> seconds = Run(server, sql);
    if (!seconds.ok()) return seconds.status();
    if (i == 0 || *seconds < out.seconds) out.seconds = *seconds;
  }
  return out;
}

}  // namespace valore::bench
