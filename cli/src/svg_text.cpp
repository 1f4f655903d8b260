#include "svg_text.hpp"

#include <array>
#include <cstdint>

namespace mlsysim::cli {
namespace {

// DejaVu Sans advance widths of U+0020..U+007E in thousandths of an em
// (Book, then Bold), read unhinted from fonts-dejavu-core 2.37's TTF files.
constexpr std::array<std::uint16_t, 95> kBook = {
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
    636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
    1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
    603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
    500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838};
constexpr std::array<std::uint16_t, 95> kBold = {
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
    696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
    1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
    733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
    500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
    716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838};

// The characters beyond ASCII the charts write themselves (units,
// superscript exponents, arrows); any other counts as a full em, the widest
// a DejaVu glyph (or a wide CJK fallback) is.
double other_width(char32_t c, bool bold) {
  switch (c) {
    case U'µ': return bold ? 736 : 636;
    case U'←': case U'→': case U'×': return 838;
    case U'⁰': case U'¹': case U'²': case U'³': case U'⁴': case U'⁵': case U'⁶': case U'⁷': case U'⁸': case U'⁹':
      return bold ? 438 : 401;
    case U'⁻': return 528;
    case U'·': return bold ? 380 : 318;
    case U'–': case U'°': return 500;
    default: return 1000;
  }
}

// The length of the well-formed UTF-8 sequence at s[i], or 0.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if ((byte(i + k) >> 6) != 0x2) return 0;
  if (n == 2 && c < 0xC2) return 0;                          // overlong
  if (n == 3 && c == 0xED && byte(i + 1) >= 0xA0) return 0;  // a UTF-16 surrogate
  if (n == 3 && c == 0xE0 && byte(i + 1) < 0xA0) return 0;   // overlong
  if (n == 4 && (c > 0xF4 || (c == 0xF0 && byte(i + 1) < 0x90) || (c == 0xF4 && byte(i + 1) >= 0x90))) return 0;
  return n;
}

char32_t decode(std::string_view s, std::size_t i, std::size_t n) {
  static constexpr unsigned char kLeadMask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  char32_t c = static_cast<unsigned char>(s[i]) & kLeadMask[n];
  for (std::size_t k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return c;
}

}  // namespace

std::string escape_xml(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    const std::size_t n = utf8_length(s, i);
    if (n == 0) {
      out += "\uFFFD";
      ++i;
      continue;
    }
    if (n == 1) {
      if (c == '<') out += "&lt;";
      else if (c == '>') out += "&gt;";
      else if (c == '&') out += "&amp;";
      else if (c == '"') out += "&quot;";
      else if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n') out += c;
    } else {
      out.append(s, i, n);
    }
    i += n;
  }
  return out;
}

double text_width(std::string_view text, double size, bool bold) {
  double thousandths = 0;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t n = utf8_length(text, i);
    if (n == 0) {  // drawn as U+FFFD
      thousandths += 1000;
      ++i;
      continue;
    }
    const char32_t c = decode(text, i, n);
    if (c >= 0x20 && c < 0x7F) thousandths += (bold ? kBold : kBook)[c - 0x20];
    else if (c >= 0x80) thousandths += other_width(c, bold);  // controls are dropped, so take no room
    i += n;
  }
  return thousandths / 1000 * size;
}

TextBox text_box(std::string_view text, double x, double y, double size, Anchor anchor, bool bold) {
  const double w = text_width(text, size, bold);
  const double left = anchor == Anchor::kStart ? x : anchor == Anchor::kMiddle ? x - w / 2 : x - w;
  return {left, y - kTextAscent * size, left + w, y + kTextDescent * size};
}

}  // namespace mlsysim::cli
