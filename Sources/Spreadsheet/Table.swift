/// A table read from a file: rows of cell texts, the first row usually being the headers.
///
/// Line numbers are 1-based as a person sees them in the file or sheet: for CSV, the physical line
/// where the record starts; for .xlsx, the sheet row number. Rows may have different lengths
/// (nothing is padded past a row's last cell).
public struct Table: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let line: Int
        public let cells: [String]

        public init(line: Int, cells: [String]) {
            self.line = line
            self.cells = cells
        }
    }

    public var rows: [Row]

    public init(rows: [Row]) {
        self.rows = rows
    }
}
