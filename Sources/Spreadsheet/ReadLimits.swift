/// Bounds on what reading one uploaded file may build, so that a small hostile file (an .xlsx whose
/// cells all repeat one long shared string, a CSV of nothing but separators) cannot take the server's
/// memory or CPU. Every limit sits well above what an HR import needs: the largest foreseen is about
/// 50 000 rows × 20 columns.
enum ReadLimits {
    /// Excel's own limit for the text of one cell, in UTF-16 units as Excel counts them.
    static let maxCellLength = XLSXWriter.maxTextLength
    /// Twice the largest foreseen import (50 000 × 20 = 1 000 000), counting the empty cells that fill
    /// the gaps before a row's last value: each costs a `String` slot (16 bytes) however empty.
    static let maxCells = 2_000_000
    /// Excel's own row limit: no sheet it writes, and no CSV it can open, has more.
    static let maxRows = XLSXWriter.maxRows
    /// Total UTF-8 bytes of all cell texts placed into a ``Table``, a shared string counted every time
    /// a cell refers to it. 32 MiB holds the largest foreseen import at 30 bytes a cell with room to
    /// spare, and caps what every later step (validation, matching, saving) has to go through.
    static let maxTextBytes = 32 * 1024 * 1024
    /// Entries in an .xlsx shared strings table; one per distinct text, so never more than the cells.
    static let maxSharedStrings = 2_000_000
    /// Sheets listed in a workbook. Excel has no fixed limit; real workbooks have a handful.
    static let maxSheets = 10_000
    /// Relationships in one .rels part (a workbook's point at its sheets, styles, theme…).
    static let maxRelationships = 100_000
    /// Elements in one XML part: about a cell and its value for each of ``maxCells``, plus the rows.
    /// Parsing costs about half a microsecond an element even when empty, so this also bounds the time
    /// (a 50 MB part of empty elements, compressed to 50 KB, is refused in half a second instead of
    /// parsed for seven).
    static let maxXMLElements = 5_000_000
    /// Attributes of one XML element; Office's busiest elements (`<row>`, `<pageSetup>`, a root with its
    /// namespaces) have under twenty. libxml2 2.9 compares an element's attributes pairwise.
    static let maxXMLAttributes = 128
    /// Element nesting in an XML part. Office parts nest about ten levels; libxml2 stops at 256, but
    /// the bound should not depend on the library's build.
    static let maxXMLDepth = 128
}

/// Counts what a reader places into a ``Table`` and throws as soon as a limit of ``ReadLimits`` is
/// passed, before the memory is spent.
struct TableBudget {
    private(set) var cells = 0
    private(set) var textBytes = 0
    private(set) var rows = 0

    /// `count` new cell slots, empty ones included.
    mutating func addCells(_ count: Int) throws {
        cells += count
        if cells > ReadLimits.maxCells { throw SpreadsheetError.tooManyCells }
    }

    /// Cell slots of a record that is dropped after all (a CSV line whose cells are all empty).
    mutating func releaseCells(_ count: Int) {
        cells -= count
    }

    /// The text of one cell placed into the table.
    mutating func addText(_ text: String) throws {
        textBytes += text.utf8.count
        if textBytes > ReadLimits.maxTextBytes { throw SpreadsheetError.tooMuchText }
    }

    mutating func addRow() throws {
        rows += 1
        if rows > ReadLimits.maxRows { throw SpreadsheetError.tooManyRows }
    }

    /// Whether `text` is longer than an Excel cell can hold. Counting UTF-16 units walks the text, so
    /// short texts (never over the limit: a UTF-8 byte is at most one UTF-16 unit) are not walked.
    static func isTooLongForACell(_ text: String) -> Bool {
        text.utf8.count > ReadLimits.maxCellLength && text.utf16.count > ReadLimits.maxCellLength
    }
}
