import Foundation
import Spreadsheet
import Vapor

/// Every list exports to .xlsx and CSV with the same columns the page shows.
enum Exportar {
    enum Formato: String { case csv, xlsx }

    static func respuesta(nombre: String, hoja: String, encabezados: [String], filas: [[XLSX.Cell]], formato: String?) throws -> Response {
        guard let formato = formato.flatMap(Formato.init(rawValue:)) else {
            throw PactaError.solicitudInvalida("Formato de exportación no válido; use «csv» o «xlsx».")
        }
        let res = Response(status: .ok)
        switch formato {
        case .csv:
            let texto = [encabezados] + filas.map { $0.map(celdaComoTexto) }
            res.body = .init(data: CSV.write(texto))
            res.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        case .xlsx:
            let data = try XLSX.write([XLSX.Sheet(name: hoja, rows: [encabezados.map { .text($0) }] + filas)])
            res.body = .init(data: data)
            res.headers.replaceOrAdd(name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
        res.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(nombre).\(formato.rawValue)\"")
        return res
    }

    static func celdaComoTexto(_ c: XLSX.Cell) -> String {
        switch c {
        case .text(let s): s
        case .number(let n): n == n.rounded() ? String(Int(n)) : String(n).replacingOccurrences(of: ".", with: ",")
        case .date(let y, let m, let d): String(format: "%02d/%02d/%04d", d, m, y)
        case .empty: ""
        }
    }
}
