#include "common/quantity_scanner.h"

#include <optional>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/italian_number.h"
#include "common/text_util.h"

namespace valore {
namespace {

enum class Kind {
  kWord,
  kComparator,         // applies to the next number
  kDefaultComparator,  // applies to every number without its own
  kBand,               // "±": the next number is a band width
  kEuro,               // "€" written before the number
  kNumber,
};

struct Token {
  Kind kind = Kind::kWord;
  size_t begin = 0;
  size_t end = 0;
  v1::Comparator comparator = v1::COMPARATOR_UNSPECIFIED;
  ScannedQuantity quantity;  // kNumber only
};

struct Symbol {
  absl::string_view text;
  Kind kind;
  v1::Comparator comparator;
};

// Longest first, so that ">=" wins over ">".
constexpr Symbol kSymbols[] = {
    {"+/-", Kind::kBand, v1::COMPARATOR_UNSPECIFIED},
    {">=", Kind::kComparator, v1::COMPARATOR_AT_LEAST},
    {"=>", Kind::kComparator, v1::COMPARATOR_AT_LEAST},
    {"<=", Kind::kComparator, v1::COMPARATOR_AT_MOST},
    {"=<", Kind::kComparator, v1::COMPARATOR_AT_MOST},
    {"\xE2\x89\xA5", Kind::kComparator, v1::COMPARATOR_AT_LEAST},  // ≥
    {"\xE2\xA9\xBE", Kind::kComparator, v1::COMPARATOR_AT_LEAST},  // ⩾
    {"\xE2\x89\xA4", Kind::kComparator, v1::COMPARATOR_AT_MOST},   // ≤
    {"\xE2\xA9\xBD", Kind::kComparator, v1::COMPARATOR_AT_MOST},   // ⩽
    {"\xC2\xB1", Kind::kBand, v1::COMPARATOR_UNSPECIFIED},         // ±
    {"\xE2\x82\xAC", Kind::kEuro, v1::COMPARATOR_UNSPECIFIED},     // €
    {">", Kind::kComparator, v1::COMPARATOR_GREATER},
    {"<", Kind::kComparator, v1::COMPARATOR_LESS},
    {"=", Kind::kComparator, v1::COMPARATOR_EQUAL},
};

// Italian words that act as comparators when a number follows. "Almeno"
// and its kin qualify the whole target; the others only the next number.
constexpr Symbol kKeywords[] = {
    {"non meno di", Kind::kDefaultComparator, v1::COMPARATOR_AT_LEAST},
    {"non inferiore a", Kind::kDefaultComparator, v1::COMPARATOR_AT_LEAST},
    {"almeno", Kind::kDefaultComparator, v1::COMPARATOR_AT_LEAST},
    {"minimo", Kind::kDefaultComparator, v1::COMPARATOR_AT_LEAST},
    {"non più di", Kind::kDefaultComparator, v1::COMPARATOR_AT_MOST},
    {"non oltre", Kind::kDefaultComparator, v1::COMPARATOR_AT_MOST},
    {"non superiore a", Kind::kDefaultComparator, v1::COMPARATOR_AT_MOST},
    {"al massimo", Kind::kDefaultComparator, v1::COMPARATOR_AT_MOST},
    {"massimo", Kind::kDefaultComparator, v1::COMPARATOR_AT_MOST},
    {"maggiore o uguale a", Kind::kComparator, v1::COMPARATOR_AT_LEAST},
    {"minore o uguale a", Kind::kComparator, v1::COMPARATOR_AT_MOST},
    {"più di", Kind::kComparator, v1::COMPARATOR_GREATER},
    {"oltre", Kind::kComparator, v1::COMPARATOR_GREATER},
    {"maggiore di", Kind::kComparator, v1::COMPARATOR_GREATER},
    {"superiore a", Kind::kComparator, v1::COMPARATOR_GREATER},
    {"meno di", Kind::kComparator, v1::COMPARATOR_LESS},
    {"minore di", Kind::kComparator, v1::COMPARATOR_LESS},
    {"inferiore a", Kind::kComparator, v1::COMPARATOR_LESS},
};

struct UnitWord {
  absl::string_view text;
  v1::Unit unit;
};

// Unit words written after a number, matched case-insensitively.
constexpr UnitWord kUnitWords[] = {
    {"\xE2\x82\xAC", v1::UNIT_EURO},  // €
    {"euro", v1::UNIT_EURO},
    {"eur", v1::UNIT_EURO},
    {"km quadrati", v1::UNIT_AREA_KM2},
    {"km\xC2\xB2", v1::UNIT_AREA_KM2},  // km²
    {"kmq", v1::UNIT_AREA_KM2},
    {"km2", v1::UNIT_AREA_KM2},
    {"giorni", v1::UNIT_DAYS},
    {"giorno", v1::UNIT_DAYS},
    {"gg.", v1::UNIT_DAYS},
    {"gg", v1::UNIT_DAYS},
};

// Characters that separate the parts of a composite text; they are trimmed
// from labels.
constexpr absl::string_view kSeparators = ";,:/-";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsBlank(char c) {
  return absl::ascii_isspace(static_cast<unsigned char>(c));
}
bool IsAsciiAlnum(char c) {
  return absl::ascii_isalnum(static_cast<unsigned char>(c));
}
bool IsAsciiAlpha(char c) {
  return absl::ascii_isalpha(static_cast<unsigned char>(c));
}

size_t SkipBlanks(absl::string_view text, size_t pos) {
  while (pos < text.size() && IsBlank(text[pos])) ++pos;
  return pos;
}

// True when `word` is written at text[pos] (ASCII case-insensitively) and is
// not followed by an ASCII letter.
bool WordAt(absl::string_view text, size_t pos, absl::string_view word) {
  if (pos > text.size() || text.size() - pos < word.size()) return false;
  if (!absl::EqualsIgnoreCase(text.substr(pos, word.size()), word)) {
    return false;
  }
  const size_t end = pos + word.size();
  return end == text.size() || !IsAsciiAlpha(text[end]);
}

const Symbol* SymbolAt(absl::string_view text, size_t pos) {
  for (const Symbol& symbol : kSymbols) {
    if (absl::StartsWith(text.substr(pos), symbol.text)) return &symbol;
  }
  return nullptr;
}

// A number may start at `pos` when a digit (or a sign and a digit) is there
// and it does not continue a word or a code ("S1", "n.5", "a-3").
bool NumberStartsAt(absl::string_view text, size_t pos) {
  size_t digit = pos;
  if (digit < text.size() && (text[digit] == '-' || text[digit] == '+')) {
    ++digit;
  }
  if (digit >= text.size() || !IsDigit(text[digit])) return false;
  if (pos == 0) return true;
  const char prev = text[pos - 1];
  if (IsAsciiAlnum(prev)) return false;
  if ((prev == '.' || prev == '-') && pos >= 2 && IsAsciiAlnum(text[pos - 2])) {
    return false;
  }
  return true;
}

// True when a number (or "€") follows `pos`, possibly after an article:
// "almeno il 50%", "più di 70".
bool NumberFollows(absl::string_view text, size_t pos) {
  pos = SkipBlanks(text, pos);
  for (absl::string_view article : {"il", "i", "l'", "un", "una"}) {
    if (absl::StartsWithIgnoreCase(text.substr(pos), article)) {
      const size_t after = pos + article.size();
      if (article.back() == '\'' ||
          (after < text.size() && IsBlank(text[after]))) {
        pos = SkipBlanks(text, after);
        break;
      }
    }
  }
  if (pos >= text.size()) return false;
  const Symbol* symbol = SymbolAt(text, pos);
  if (symbol != nullptr && symbol->kind == Kind::kEuro) return true;
  return NumberStartsAt(text, pos);
}

const Symbol* KeywordAt(absl::string_view text, size_t pos) {
  if (pos > 0 && IsAsciiAlpha(text[pos - 1])) return nullptr;
  for (const Symbol& keyword : kKeywords) {
    if (WordAt(text, pos, keyword.text) &&
        NumberFollows(text, pos + keyword.text.size())) {
      return &keyword;
    }
  }
  return nullptr;
}

// Length of a date such as "20/07/2023" or "12.05.2023" at `pos`, or 0.
size_t DateLengthAt(absl::string_view text, size_t pos) {
  size_t p = pos;
  const auto digits = [&](size_t min, size_t max) {
    size_t n = 0;
    while (p < text.size() && IsDigit(text[p]) && n < max) ++p, ++n;
    return n >= min && (p >= text.size() || !IsDigit(text[p]));
  };
  if (!digits(1, 2) || p >= text.size()) return 0;
  const char separator = text[p];
  if (separator != '/' && separator != '.' && separator != '-') return 0;
  ++p;
  if (!digits(1, 2) || p >= text.size() || text[p] != separator) return 0;
  ++p;
  if (!digits(2, 4)) return 0;
  return p - pos;
}

size_t WordEnd(absl::string_view text, size_t pos) {
  while (pos < text.size() && !IsBlank(text[pos])) ++pos;
  return pos;
}

// Reads a unit word at `pos` (after blanks); returns the position after it.
size_t ReadUnit(absl::string_view text, size_t pos, v1::Unit* unit) {
  const size_t p = SkipBlanks(text, pos);
  for (const UnitWord& word : kUnitWords) {
    // Words must end at a word boundary; "€", "km²" and "gg." need not.
    const bool matches =
        IsAsciiAlpha(word.text.back())
            ? WordAt(text, p, word.text)
            : absl::StartsWithIgnoreCase(text.substr(p), word.text);
    if (matches) {
      *unit = word.unit;
      return p + word.text.size();
    }
  }
  return pos;
}

// Reads a scale ("su 10", "/10") at `pos`; returns the position after it.
size_t ReadScale(absl::string_view text, size_t pos, double* scale) {
  size_t p = pos;
  if (p < text.size() && text[p] == '/') {
    ++p;
  } else {
    p = SkipBlanks(text, p);
    if (!WordAt(text, p, "su")) return pos;
    p += 2;
  }
  std::optional<ParsedNumber> number = ConsumeItalianNumber(text, &p);
  if (!number.has_value() || number->percent) return pos;
  *scale = number->value;
  return p;
}

// Reads the number at `pos` with its unit and scale. Returns std::nullopt
// when what is there is a date, a range ("0-3") or a code ("2023S1"): the
// caller reads it as a word.
std::optional<Token> ReadNumber(absl::string_view text, size_t pos) {
  if (DateLengthAt(text, pos) > 0) return std::nullopt;
  size_t p = pos;
  std::optional<ParsedNumber> number = ConsumeItalianNumber(text, &p);
  if (!number.has_value()) return std::nullopt;
  Token token;
  token.kind = Kind::kNumber;
  token.begin = pos;
  ScannedQuantity& q = token.quantity;
  q.value = number->value;
  q.unit = number->percent ? v1::UNIT_PERCENT : v1::UNIT_NUMBER;
  if (!number->percent && p < text.size()) {
    const bool range =
        (text[p] == '-' && p + 1 < text.size() && IsDigit(text[p + 1]));
    if (range) return std::nullopt;
    if (IsAsciiAlpha(text[p])) {
      v1::Unit unit = v1::UNIT_NUMBER;
      if (ReadUnit(text, p, &unit) == p) return std::nullopt;
    }
  }
  if (!number->percent) p = ReadUnit(text, p, &q.unit);
  p = ReadScale(text, p, &q.scale);
  token.end = p;
  return token;
}

Token ReadToken(absl::string_view text, size_t pos) {
  Token token;
  token.begin = pos;
  if (const Symbol* symbol = SymbolAt(text, pos)) {
    token.kind = symbol->kind;
    token.comparator = symbol->comparator;
    token.end = pos + symbol->text.size();
    return token;
  }
  if (const Symbol* keyword = KeywordAt(text, pos)) {
    token.kind = keyword->kind;
    token.comparator = keyword->comparator;
    token.end = pos + keyword->text.size();
    return token;
  }
  if (NumberStartsAt(text, pos)) {
    if (std::optional<Token> number = ReadNumber(text, pos)) return *number;
    // A date, range or code: one word up to the next blank.
    token.end = WordEnd(text, pos);
    return token;
  }
  size_t end = pos + 1;
  while (end < text.size() && !IsBlank(text[end]) &&
         SymbolAt(text, end) == nullptr && !NumberStartsAt(text, end)) {
    ++end;
  }
  token.end = end;
  return token;
}

std::vector<Token> Tokenize(absl::string_view text) {
  std::vector<Token> tokens;
  size_t pos = SkipBlanks(text, 0);
  while (pos < text.size()) {
    tokens.push_back(ReadToken(text, pos));
    pos = SkipBlanks(text, tokens.back().end);
  }
  return tokens;
}

// Splits off text in parentheses (nesting allowed, an unclosed one runs to
// the end): the rest, with a blank in place of each, and the pieces.
void SplitParentheses(absl::string_view text, std::string* rest,
                      std::vector<std::string>* notes) {
  int depth = 0;
  for (char c : text) {
    if (c == '(') {
      if (depth++ == 0) {
        notes->emplace_back();
        rest->push_back(' ');
        continue;
      }
    } else if (c == ')' && depth > 0) {
      if (--depth == 0) continue;
    }
    if (depth > 0) {
      notes->back().push_back(c);
    } else {
      rest->push_back(c);
    }
  }
}

// Blanks and separators trimmed from both ends.
std::string CleanLabel(absl::string_view text) {
  while (true) {
    text = StripSpaces(text);
    if (!text.empty() && absl::StrContains(kSeparators, text.front())) {
      text.remove_prefix(1);
    } else if (!text.empty() && absl::StrContains(kSeparators, text.back())) {
      text.remove_suffix(1);
    } else {
      return ToValidUtf8(text);
    }
  }
}

// "Istituti Comprensivi Valutazione dei ragazzi ≥ 8 su 10": when a number
// has no words after it but the previous label runs into it, the end of the
// previous label names it: what follows its last ';' or ',', else its last
// capitalised phrase.
void MoveTrailingPhrase(std::string* from, std::string* to) {
  const size_t separator = from->find_last_of(";,");
  if (separator != std::string::npos) {
    *to = CleanLabel(absl::string_view(*from).substr(separator + 1));
    *from = CleanLabel(absl::string_view(*from).substr(0, separator));
    return;
  }
  std::vector<std::string> words =
      absl::StrSplit(*from, ' ', absl::SkipWhitespace());
  for (size_t k = words.size(); k-- > 1;) {
    if (absl::ascii_isupper(static_cast<unsigned char>(words[k][0]))) {
      *to = absl::StrJoin(words.begin() + k, words.end(), " ");
      *from = absl::StrJoin(words.begin(), words.begin() + k, " ");
      return;
    }
  }
}

struct Span {
  size_t begin = 0;
  size_t end = 0;
  bool empty() const { return end <= begin; }
};

void Extend(Span* span, const Token& token) {
  if (span->empty()) span->begin = token.begin;
  span->end = token.end;
}

// Where the words of each quantity lie in the scanned text.
struct WordSpans {
  Span leading;             // before the first number
  std::vector<Span> after;  // right after each number
};

std::string JoinNotes(const std::vector<std::string>& notes) {
  std::vector<std::string> pieces;
  for (const std::string& note : notes) {
    std::string piece = ToValidUtf8(StripSpaces(note));
    if (!piece.empty()) pieces.push_back(std::move(piece));
  }
  return absl::StrJoin(pieces, "; ");
}

// Gives each number the comparator, band and currency written before it,
// and records which words follow it.
void Assemble(std::vector<Token> tokens, QuantityScan* scan, WordSpans* words) {
  constexpr int kLeading = -1;
  constexpr int kNobody = -2;
  int collecting = kLeading;
  v1::Comparator pending = v1::COMPARATOR_UNSPECIFIED;
  bool band = false;
  bool euro = false;
  for (Token& token : tokens) {
    switch (token.kind) {
      case Kind::kWord:
        if (collecting == kLeading) Extend(&words->leading, token);
        if (collecting >= 0) Extend(&words->after[collecting], token);
        continue;
      case Kind::kComparator:
        pending = token.comparator;
        break;
      case Kind::kDefaultComparator:
        if (scan->default_comparator == v1::COMPARATOR_UNSPECIFIED) {
          scan->default_comparator = token.comparator;
        }
        break;
      case Kind::kBand:
        band = true;
        break;
      case Kind::kEuro:
        euro = true;
        break;
      case Kind::kNumber: {
        ScannedQuantity& q = token.quantity;
        q.comparator = pending;
        q.band = band;
        if (euro && q.unit == v1::UNIT_NUMBER) q.unit = v1::UNIT_EURO;
        pending = v1::COMPARATOR_UNSPECIFIED;
        band = euro = false;
        scan->quantities.push_back(std::move(q));
        words->after.emplace_back();
        collecting = static_cast<int>(words->after.size()) - 1;
        continue;
      }
    }
    // Words after a comparator or keyword name nothing.
    collecting = kNobody;
  }
}

// Words right after a number name it; words before the first number name it
// when it has none of its own.
void AssignLabels(absl::string_view text, const WordSpans& words,
                  QuantityScan* scan) {
  const auto slice = [text](const Span& span) {
    return StripSpaces(text.substr(span.begin, span.end - span.begin));
  };
  std::vector<ScannedQuantity>& quantities = scan->quantities;
  for (size_t i = 0; i < quantities.size(); ++i) {
    quantities[i].label = CleanLabel(slice(words.after[i]));
  }
  for (size_t i = 0; i + 1 < quantities.size(); ++i) {
    const absl::string_view raw = slice(words.after[i]);
    const bool runs_into_next =
        !raw.empty() && !absl::StrContains(kSeparators, raw.back());
    if (runs_into_next && words.after[i + 1].empty()) {
      MoveTrailingPhrase(&quantities[i].label, &quantities[i + 1].label);
    }
  }
  if (!quantities.empty() && quantities[0].label.empty()) {
    quantities[0].label = CleanLabel(slice(words.leading));
  }
}

}  // namespace

QuantityScan ScanQuantities(absl::string_view text) {
  QuantityScan scan;
  std::string main;
  std::vector<std::string> notes;
  SplitParentheses(text, &main, &notes);
  scan.note = JoinNotes(notes);
  WordSpans words;
  Assemble(Tokenize(main), &scan, &words);
  AssignLabels(main, words, &scan);
  return scan;
}

}  // namespace valore
