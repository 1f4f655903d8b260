#include "chart_canvas.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace mlsysim::cli {
namespace {

constexpr const char* kAnchors[] = {"start", "middle", "end"};

// Directions to try around a marker, the plain ones first: right, upper
// right, lower right, left, upper left, lower left, above, below.
struct Direction {
  double dx, dy;
  Anchor anchor;
};
constexpr Direction kDirections[] = {{1, 0, Anchor::kStart},   {0.7, -0.7, Anchor::kStart}, {0.7, 0.7, Anchor::kStart},
                                     {-1, 0, Anchor::kEnd},    {-0.7, -0.7, Anchor::kEnd},  {-0.7, 0.7, Anchor::kEnd},
                                     {0, -1, Anchor::kMiddle}, {0, 1, Anchor::kMiddle}};

}  // namespace

void ChartCanvas::text(const std::string& text, double x, double y, double size, Anchor anchor, bool bold,
                       const std::string& extra) {
  if (text.empty()) return;
  body_ += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"{:.1f}\" text-anchor=\"{}\"{}{}>{}</text>\n", x, y,
                       size, kAnchors[static_cast<int>(anchor)], bold ? " font-weight=\"bold\"" : "", extra,
                       escape_xml(text));
  taken_.push_back(text_box(text, x, y, size, anchor, bold));
}

void ChartCanvas::vertical_text(const std::string& text, double x, double y, double size) {
  body_ += fmt::format(
      "<text transform=\"translate({:.1f},{:.1f}) rotate(-90)\" font-size=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n",
      x, y, size, escape_xml(text));
  const double half = text_width(text, size) / 2;
  taken_.push_back({x - kTextAscent * size, y - half, x + kTextDescent * size, y + half});
}

bool ChartCanvas::free(const TextBox& box) const {
  return std::none_of(taken_.begin(), taken_.end(), [&](const TextBox& t) { return box.overlaps(t, 1.0); });
}

bool ChartCanvas::label(const std::string& label, double x, double y, double r, double size,
                        const std::string& colour, const TextBox& area) {
  // Rings further out, each tried in every direction before the next.
  for (const double distance : {r + 3, 3 * r + 8, 6 * r + 14, 10 * r + 24}) {
    for (const Direction& d : kDirections) {
      const double ax = x + d.dx * distance;
      // The baseline sits so that the text's middle is level with the point
      // for a sideways label, and clear of it above or below.
      const double middle = y + (kTextAscent - kTextDescent) / 2 * size;
      const double ay = d.dy == 0 ? middle : d.dy < 0 ? y + d.dy * distance : y + d.dy * distance + kTextAscent * size;
      const TextBox box = text_box(label, ax, ay, size, d.anchor);
      if (!box.inside(area) || !free(box)) continue;
      if (distance > r + 3) {  // a leader from the marker's edge to the label
        const double cx = std::clamp(x, box.left, box.right), cy = std::clamp(y, box.top, box.bottom);
        const double len = std::hypot(cx - x, cy - y);
        if (len > r)
          body_ += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" "
                               "stroke-width=\"0.7\"/>\n",
                               x + (cx - x) * r / len, y + (cy - y) * r / len, cx, cy, colour);
      }
      text(label, ax, ay, size, d.anchor, false, " class=\"label\"");
      return true;
    }
  }
  return false;
}

double ChartCanvas::bottom() const {
  double b = 0;
  for (const TextBox& t : taken_) b = std::max(b, t.bottom);
  return b;
}

}  // namespace mlsysim::cli
