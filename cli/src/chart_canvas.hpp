// ChartCanvas: the SVG body of a chart being drawn, with the box of every
// text and marker on it, so that a point's label goes only where it overlaps
// nothing already drawn (the test of the README pictures checks the same).
#pragma once

#include <string>
#include <vector>

#include "svg_text.hpp"

namespace mlsysim::cli {

class ChartCanvas {
 public:
  // Text whose box is taken from then on (`extra`: more SVG attributes).
  void text(const std::string& text, double x, double y, double size, Anchor anchor, bool bold = false,
            const std::string& extra = "");
  // Text turned a quarter anticlockwise about its anchor (a y-axis title).
  void vertical_text(const std::string& text, double x, double y, double size);
  // Markup that takes no room from labels (grid, lines).
  void draw(const std::string& svg) { body_ += svg; }
  // Markup that does (a marker), with its box.
  void draw(const std::string& svg, const TextBox& box) {
    body_ += svg;
    taken_.push_back(box);
  }

  // Puts `label` beside the marker at (x, y) of radius r, inside `area`,
  // nearest first and joined by a thin line when it had to move away.
  // Returns false (and draws nothing) when every place overlaps something.
  bool label(const std::string& label, double x, double y, double r, double size, const std::string& colour,
             const TextBox& area);

  const std::string& body() const { return body_; }
  // The lowest edge of anything drawn.
  double bottom() const;

 private:
  bool free(const TextBox& box) const;

  std::string body_;
  std::vector<TextBox> taken_;
};

}  // namespace mlsysim::cli
