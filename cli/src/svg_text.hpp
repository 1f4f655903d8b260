// Text in the CLI's SVG pictures: escaped as XML character data, and measured
// as it will be drawn (DejaVu Sans, the font the pictures name and Debian's
// rsvg-convert renders), so a chart can keep its labels from overlapping.
#pragma once

#include <string>
#include <string_view>

namespace mlsysim::cli {

// The font every picture names; text_width() holds its advance widths.
inline constexpr const char* kPictureFont = "DejaVu Sans, sans-serif";
// Extent of a line of text around its baseline, as fractions of the font
// size: the ascender of capitals, digits and superscripts, and the descender.
inline constexpr double kTextAscent = 0.80, kTextDescent = 0.24;

// Markup escaped, control characters XML forbids dropped, and bytes that
// are not UTF-8 shown as U+FFFD, so labels from any zoo file give a
// well-formed SVG.
std::string escape_xml(std::string_view text);

// The advance width of `text` in pixels, set in DejaVu Sans (Book or Bold)
// at `size` pixels, without kerning (kerning only narrows it).
double text_width(std::string_view text, double size, bool bold = false);

// An axis-aligned box in picture coordinates (y grows downwards).
struct TextBox {
  double left = 0, top = 0, right = 0, bottom = 0;
  bool overlaps(const TextBox& other, double gap = 0) const {
    return left < other.right + gap && other.left < right + gap && top < other.bottom + gap &&
           other.top < bottom + gap;
  }
  bool inside(const TextBox& area) const {
    return left >= area.left && right <= area.right && top >= area.top && bottom <= area.bottom;
  }
};

enum class Anchor { kStart, kMiddle, kEnd };

// The box of `text` drawn with its baseline at `y` and anchored at `x`.
TextBox text_box(std::string_view text, double x, double y, double size, Anchor anchor, bool bold = false);

}  // namespace mlsysim::cli
