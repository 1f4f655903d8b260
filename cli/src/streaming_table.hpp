// A table printed as its rows arrive: column widths come from the header and
// the first rows; on a terminal too narrow for them, columns are left out
// from the right and a note says which (values are never cut); later rows
// are padded to those widths. Each write erases the status line first. Memory stays flat however
// many rows follow (sweeps, pipeline sweeps). As Markdown, rows are printed
// as they come, a table row each.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

namespace mlsysim::cli {

class StreamingTable {
 public:
  StreamingTable(std::vector<std::string> header, std::FILE* out, bool markdown = false);
  void add(std::vector<std::string> cells);
  // Prints what is still held (a table shorter than the measured rows) and
  // the note naming any columns left out.
  void finish();

 private:
  void flush();
  void print(const std::vector<std::string>& cells);
  void print_markdown(const std::vector<std::string>& cells);

  std::vector<std::string> header_;
  std::FILE* out_;
  bool markdown_;
  bool terminal_;  // `out` is a terminal: asked once, not per row
  bool started_ = false;  // markdown: header printed
  std::vector<std::vector<std::string>> pending_;
  std::vector<std::size_t> widths_;
  std::vector<std::string> left_out_;  // columns the terminal had no room for
};

}  // namespace mlsysim::cli
