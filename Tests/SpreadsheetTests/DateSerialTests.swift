import Spreadsheet
import Testing

@Suite("Excel date serials")
struct DateSerialTests {
    struct SerialCase: Sendable, CustomTestStringConvertible {
        let text: String
        let date: [Int]?  // [year, month, day]
        var testDescription: String { text.debugDescription }
    }

    @Test("dateFromSerial", arguments: [
        SerialCase(text: "1", date: [1900, 1, 1]),
        SerialCase(text: "31", date: [1900, 1, 31]),
        SerialCase(text: "59", date: [1900, 2, 28]),
        SerialCase(text: "60", date: nil),  // Excel's fictitious 1900-02-29
        SerialCase(text: "61", date: [1900, 3, 1]),
        SerialCase(text: "36526", date: [2000, 1, 1]),
        SerialCase(text: "45351", date: [2024, 2, 29]),
        SerialCase(text: "45658", date: [2025, 1, 1]),
        SerialCase(text: " 45689 ", date: [2025, 2, 1]),
        SerialCase(text: "45658.99", date: [2025, 1, 1]),
        SerialCase(text: "45658,5", date: [2025, 1, 1]),
        SerialCase(text: "2958465", date: [9999, 12, 31]),
        SerialCase(text: "2958466", date: nil),
        SerialCase(text: "0", date: nil),
        SerialCase(text: "0.5", date: nil),
        SerialCase(text: "-1", date: nil),
        SerialCase(text: "", date: nil),
        SerialCase(text: "abc", date: nil),
        SerialCase(text: "01/01/2025", date: nil),
        SerialCase(text: "nan", date: nil),
        SerialCase(text: "inf", date: nil),
        SerialCase(text: "1e400", date: nil),
    ])
    func dateFromSerial(_ example: SerialCase) {
        let result = XLSX.dateFromSerial(example.text).map { [$0.year, $0.month, $0.day] }
        #expect(result == example.date)
    }

    @Test("serial", arguments: [
        ([1900, 1, 1], 1), ([1900, 2, 28], 59), ([1900, 3, 1], 61), ([1970, 1, 1], 25569),
        ([2000, 2, 29], 36585), ([2025, 1, 1], 45658), ([9999, 12, 31], 2_958_465),
    ])
    func serial(_ date: [Int], _ expected: Int) {
        #expect(XLSX.serial(year: date[0], month: date[1], day: date[2]) == expected)
    }

    @Test func everyDayRoundTrips() {
        for serial in 1...80_000 where serial != 60 {
            guard let date = XLSX.dateFromSerial(String(serial)) else {
                Issue.record("no date for \(serial)")
                return
            }
            #expect(XLSX.serial(year: date.year, month: date.month, day: date.day) == serial)
        }
    }
}
