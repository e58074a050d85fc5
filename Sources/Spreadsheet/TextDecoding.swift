import Foundation

/// Turns the bytes of an uploaded text file into a String, the way HR exports come: UTF-8 with or
/// without BOM, UTF-16 with BOM, or Windows-1252 (Latin-1) from older systems and Excel's "CSV" export.
enum TextDecoding {
    static func decode(_ data: Data) throws -> String {
        let bytes = [UInt8](data)
        if bytes.isEmpty { throw SpreadsheetError.emptyFile }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            throw SpreadsheetError(
                "El archivo es un libro de Excel (.xlsx) u otro archivo comprimido, no un archivo CSV.")
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw SpreadsheetError(
                "El archivo está en el formato antiguo de Excel (.xls), no es un archivo CSV. "
                    + "Ábralo en Excel y guárdelo como CSV o como libro de Excel (.xlsx).")
        }
        var text: String
        if bytes.starts(with: [0xFF, 0xFE]) {
            text = decodeUTF16(bytes.dropFirst(2), bigEndian: false)
        } else if bytes.starts(with: [0xFE, 0xFF]) {
            text = decodeUTF16(bytes.dropFirst(2), bigEndian: true)
        } else {
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
            if body.isEmpty { throw SpreadsheetError.emptyFile }
            text = decodeUTF8(body) ?? decodeWindows1252(body)
        }
        // Old DOS exports end with a Ctrl-Z "end of file" mark.
        while text.unicodeScalars.last == "\u{1A}" { text.unicodeScalars.removeLast() }
        if looksBinary(text) {
            throw SpreadsheetError(
                "El archivo no es un archivo de texto CSV válido (parece un archivo binario o dañado).")
        }
        return text
    }

    /// Nil when the bytes are not valid UTF-8.
    static func decodeUTF8(_ bytes: [UInt8]) -> String? {
        if #available(macOS 15, iOS 18, tvOS 18, watchOS 11, visionOS 2, *) {
            // Stops at the first invalid byte, where decoding-then-comparing repairs every one of them:
            // for a Windows-1252 file that is one repair per accented letter (and, under the test
            // runner, one captured backtrace per repair).
            return String(validating: bytes, as: UTF8.self)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        // Invalid sequences are replaced by U+FFFD, which changes the bytes.
        return text.utf8.elementsEqual(bytes) ? text : nil
    }

    static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            index += 2
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// Windows-1252: Latin-1 plus typographic characters in 0x80–0x9F. The five undefined bytes map to
    /// the C1 control of the same value, as Latin-1 would.
    static func decodeWindows1252(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            if (0x80...0x9F).contains(byte) {
                let value = windows1252High[Int(byte - 0x80)]
                scalars.append(Unicode.Scalar(value) ?? Unicode.Scalar(byte))
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// Text files have no NUL and very few control characters; random bytes and binary formats have many.
    static func looksBinary(_ text: String) -> Bool {
        var controls = 0
        var total = 0
        for scalar in text.unicodeScalars {
            total += 1
            switch scalar.value {
            case 0:
                return true
            case 0x09, 0x0A, 0x0C, 0x0D:
                break
            case 0x01...0x1F, 0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D:
                controls += 1
            default:
                break
            }
        }
        return controls > 0 && controls * 100 > total
    }
}
