// One axis of a chart: the data range fitted with a small margin, the map to
// pixels, and ticks labelled so that the axis title's unit matches them: one
// SI prefix for the whole axis ("latency [ms]" over 2, 4, 6), and powers of
// ten on a log axis ("10⁻²", never "10 m").
#pragma once

#include <span>
#include <string>
#include <vector>

namespace mlsysim::cli {

class PlotAxis {
 public:
  // `unit` as the tool writes it ("s", "flop/s", "1/s", "" for a plain number).
  PlotAxis(std::string title, bool log, std::string unit);

  // Fits the range to the finite values (positive ones on a log axis) with a
  // margin, and picks the prefix of the unit. With no value: [0, 1] or [1, 10].
  void fit(std::span<const double> values);
  // The pixels the range maps onto (b < a for a y axis).
  void place(double a, double b) { a_ = a, b_ = b; }

  double operator()(double value) const;
  // Whether `value` can be drawn: finite, positive on a log axis, within the range.
  bool shows(double value) const;
  bool log() const { return log_; }
  double low() const { return lo_; }
  double high() const { return hi_; }

  struct Tick {
    double value;
    std::string label;
  };
  // At most 12 ticks, counted before any is made.
  std::vector<Tick> ticks() const;
  // "performance [TFLOP/s]": the title with the unit as the ticks read it.
  std::string titled() const;

 private:
  std::string title_, unit_;
  bool log_;
  double lo_ = 0, hi_ = 1, a_ = 0, b_ = 1;
  double scale_ = 1;    // tick values are divided by it: 1e12 for "T"
  std::string prefix_;  // "T", "m", "µ", or ""
};

// A number as a tick or a label shows it: 6 significant digits at most, an
// exponent written "×10⁶".
std::string plain_number(double value);
// "10⁻²": a power of ten with a superscript exponent.
std::string power_of_ten(int exponent);

}  // namespace mlsysim::cli
