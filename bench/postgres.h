// The SQL peer: PostgreSQL 15 running on a unix socket in a temporary
// folder (started and stopped by bench/run-bench.sh), driven through psql.
// It gets the same records (COPY from a CSV file, then the primary key) and
// the same one-period per-entity aggregation as one SQL query.
#ifndef VALORE_BENCH_POSTGRES_H_
#define VALORE_BENCH_POSTGRES_H_

#include <string>

#include "absl/status/statusor.h"
#include "bench/dataset.h"

namespace valore::bench {

struct PostgresServer {
  std::string bin_dir;     // /usr/lib/postgresql/15/bin
  std::string socket_dir;  // where .s.PGSQL.<port> is
  int port = 5432;
  std::string user = "postgres";
};

struct PostgresLoad {
  int64_t records = 0;
  double copy_seconds = 0;         // COPY ... FROM the CSV file
  double primary_key_seconds = 0;  // ALTER TABLE ... ADD PRIMARY KEY
  double analyze_seconds = 0;      // not part of the load figure
  double load_seconds() const { return copy_seconds + primary_key_seconds; }
  double records_per_second() const {
    return load_seconds() > 0 ? records / load_seconds() : 0;
  }
};

// Writes the records of `shape` as CSV (the same values the services get)
// to `csv_path`, creates the catalog tables and the measurements table, and
// loads it. The CSV is written before the clock starts.
absl::StatusOr<PostgresLoad> LoadIntoPostgres(const PostgresServer& server,
                                              const NationalShape& shape,
                                              const std::string& csv_path);

struct PostgresAggregation {
  int entities = 0;
  double seconds = 0;
  double entities_per_second() const {
    return seconds > 0 ? entities / seconds : 0;
  }
};

// The outcome of every programme line of every entity in `period` (last
// semester of `shape`), counted per entity: one SQL query, its rows read by
// psql. Runs `runs` times and keeps the fastest (a warm cache, as for the
// services).
absl::StatusOr<PostgresAggregation> AggregateInPostgres(
    const PostgresServer& server, const NationalShape& shape, int runs);

// The SQL of AggregateInPostgres, for the documentation and the tests.
std::string AggregationSql(int year, const std::string& period);

}  // namespace valore::bench

#endif  // VALORE_BENCH_POSTGRES_H_
