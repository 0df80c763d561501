// The CSV reader on any bytes, then the data-folder importer with the bytes
// as dup_indicators.csv: alone in a folder, and beside the other shipped
// files (whose rows refer to the DUP's).
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "importer/data_folder.h"
#include "common/csv_reader.h"
#include "fuzz/fuzz_support.h"

namespace {

namespace fs = std::filesystem;

constexpr char kDupFile[] = "dup_indicators.csv";

struct Folders {
  std::string alone;
  std::string with_shipped;
};

const Folders& TheFolders() {
  static const Folders* folders = [] {
    auto* f = new Folders;
    const std::string root = valore::fuzz::ScratchDir("csv_import");
    f->alone = root + "/alone";
    f->with_shipped = root + "/with_shipped";
    fs::create_directories(f->alone);
    fs::create_directories(f->with_shipped);
    for (const fs::directory_entry& e :
         fs::directory_iterator(valore::fuzz::ShippedDataDir())) {
      if (e.path().filename() == kDupFile) continue;
      fs::copy_file(e.path(), f->with_shipped / e.path().filename());
    }
    return f;
  }();
  return *folders;
}

void WriteFile(const std::string& path, absl::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  VALORE_FUZZ_CHECK(out.good(), path);
}

void Import(const std::string& dir, absl::string_view bytes) {
  WriteFile(dir + "/" + kDupFile, bytes);
  absl::StatusOr<valore::import::DataFolder> folder =
      valore::import::ReadDataFolder(dir);
  // Either a data set or a list of problems, never another kind of error.
  VALORE_FUZZ_CHECK(folder.ok() || absl::IsInvalidArgument(folder.status()),
                    folder.status().ToString());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const absl::string_view bytes(reinterpret_cast<const char*>(data), size);
  const Folders& folders = TheFolders();

  absl::StatusOr<valore::CsvTable> table = valore::ParseCsv(bytes, kDupFile);
  if (table.ok()) {
    VALORE_FUZZ_CHECK(table->header.size() <= valore::kMaxCsvColumns,
                      absl::StrCat(table->header.size(), " columns"));
    int number = 0;
    for (const valore::CsvRow& row : table->rows) {
      VALORE_FUZZ_CHECK(row.fields.size() == table->header.size(),
                        absl::StrCat("row ", row.number));
      VALORE_FUZZ_CHECK(row.number > number, absl::StrCat("row ", row.number));
      number = row.number;
    }
    for (size_t i = 0; i < table->header.size(); ++i) {
      const int column = table->Column(table->header[i]);
      VALORE_FUZZ_CHECK(column >= 0 && static_cast<size_t>(column) <= i,
                        table->header[i]);
    }
  } else {
    VALORE_FUZZ_CHECK(absl::IsInvalidArgument(table.status()),
                      table.status().ToString());
  }

  Import(folders.alone, bytes);
  // Beside the shipped files the bytes only matter once they are CSV: a
  // malformed file is one problem whatever the other files hold.
  if (table.ok()) Import(folders.with_shipped, bytes);
  return 0;
}
