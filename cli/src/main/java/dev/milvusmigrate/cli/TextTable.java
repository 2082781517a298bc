package dev.milvusmigrate.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Rows printed as columns as wide as their widest cell (the header's included), two spaces apart,
 * so that long values such as generated job ids never shift the columns after them.
 */
final class TextTable {

  private final List<String> header;
  private final Set<Integer> rightAligned;
  private final List<List<String>> rows = new ArrayList<>();

  /** @param rightAligned the indexes of the columns whose cells are right-aligned (numbers) */
  TextTable(List<String> header, Integer... rightAligned) {
    this.header = header;
    this.rightAligned = Set.of(rightAligned);
  }

  TextTable row(Object... cells) {
    if (cells.length != header.size()) {
      throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + header.size()
          + " columns");
    }
    rows.add(Arrays.stream(cells).map(String::valueOf).toList());
    return this;
  }

  /** The header and the rows, one line each, without trailing spaces. */
  String render() {
    int[] widths = IntStream.range(0, header.size()).map(this::width).toArray();
    StringBuilder text = new StringBuilder();
    line(header, widths, text);
    rows.forEach(row -> line(row, widths, text));
    return text.toString();
  }

  private int width(int column) {
    return rows.stream().mapToInt(row -> row.get(column).length()).reduce(header.get(column).length(), Math::max);
  }

  private void line(List<String> cells, int[] widths, StringBuilder text) {
    StringBuilder line = new StringBuilder();
    for (int column = 0; column < cells.size(); column++) {
      String padding = " ".repeat(widths[column] - cells.get(column).length());
      line.append(column == 0 ? "" : "  ");
      line.append(rightAligned.contains(column) ? padding + cells.get(column) : cells.get(column) + padding);
    }
    text.append(line.toString().stripTrailing()).append('\n');
  }
}
