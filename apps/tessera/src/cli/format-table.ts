/**
 * Lays rows out in columns under a header, two spaces apart, trailing spaces trimmed.
 *
 * @example
 * io.out(formatTable(['ID', 'EMAIL'], [[user.id, user.email]]));
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  return (
    [header, ...rows]
      .map((row) =>
        row
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}
