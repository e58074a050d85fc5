import Foundation
import PactaCore

/// Collects typed values from string inputs, with one Spanish message per bad field.
struct Campos {
    private(set) var errores: [String: String] = [:]

    mutating func falla(_ campo: String, _ mensaje: String) {
        if errores[campo] == nil { errores[campo] = mensaje }
    }

    static func limpio(_ s: String?) -> String? {
        guard let t = s?.trimmingCharacters(in: .whitespacesAndNewlines), !t.isEmpty else { return nil }
        return t
    }

    /// "El código es obligatorio.", "La sigla es obligatoria.", "Los nombres son obligatorios."
    static func obligatorio(_ etiqueta: String) -> String {
        let articulo = etiqueta.split(separator: " ").first.map { $0.lowercased() } ?? ""
        switch articulo {
        case "la": return "\(etiqueta) es obligatoria."
        case "los": return "\(etiqueta) son obligatorios."
        case "las": return "\(etiqueta) son obligatorias."
        default: return "\(etiqueta) es obligatorio."
        }
    }

    mutating func texto(_ campo: String, _ valor: String?, etiqueta: String, max: Int = 200) -> String {
        guard let t = Self.limpio(valor) else { falla(campo, Self.obligatorio(etiqueta)); return "" }
        if let m = LongitudMaxima.exceso(t, max, etiqueta: etiqueta) { falla(campo, m) }
        return t
    }

    mutating func opcional(_ campo: String, _ valor: String?, etiqueta: String, max: Int = 200) -> String? {
        guard let t = Self.limpio(valor) else { return nil }
        if let m = LongitudMaxima.exceso(t, max, etiqueta: etiqueta) { falla(campo, m) }
        return t
    }

    mutating func uuid(_ campo: String, _ valor: String?, etiqueta: String) -> UUID? {
        guard let t = Self.limpio(valor) else { return nil }
        guard let id = UUID(uuidString: t) else { falla(campo, "\(etiqueta): el identificador no es válido."); return nil }
        return id
    }

    mutating func catalogo<T: RawRepresentable & CaseIterable>(_ campo: String, _ valor: String?, etiqueta: String,
                                                                nombre: (T) -> String, obligatorio: Bool = true) -> T? where T.RawValue == String {
        guard let t = Self.limpio(valor) else {
            if obligatorio { falla(campo, Self.obligatorio(etiqueta)) }
            return nil
        }
        if let v = T(rawValue: t) { return v }
        let n = Texto.normalizar(t)
        if let v = T.allCases.first(where: { Texto.normalizar(nombre($0)) == n }) { return v }
        falla(campo, "«\(t)» no es un valor válido para \(etiqueta.lowercased()). Opciones: \(T.allCases.map(nombre).joined(separator: ", ")).")
        return nil
    }

    mutating func fecha(_ campo: String, _ valor: String?, etiqueta: String, obligatorio: Bool) -> Fecha? {
        guard let t = Self.limpio(valor) else {
            if obligatorio { falla(campo, Self.obligatorio(etiqueta)) }
            return nil
        }
        guard let f = Fecha(texto: t) else { falla(campo, "\(etiqueta): «\(t)» no es una fecha válida (dd/mm/aaaa)."); return nil }
        return f
    }

    mutating func booleano(_ valor: String?, defecto: Bool) -> Bool {
        guard let t = Self.limpio(valor)?.lowercased() else { return defecto }
        return ["true", "1", "si", "sí", "on", "yes"].contains(t)
    }

    /// A list filter: empty means "all"; anything else must be a raw value of the catalogue.
    static func filtro<T: RawRepresentable & CaseIterable>(_ campo: String, _ valor: String?) throws -> T? where T.RawValue == String {
        guard let t = limpio(valor) else { return nil }
        guard let v = T(rawValue: t) else {
            throw PactaError.validacion([campo: "«\(t)» no es un valor válido para el filtro «\(campo)». Opciones: \(T.allCases.map(\.rawValue).joined(separator: ", "))."])
        }
        return v
    }

    func lanzarSiHayErrores() throws {
        if !errores.isEmpty { throw PactaError.validacion(errores) }
    }
}
