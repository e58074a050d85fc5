import Foundation

/// A meta y objetivo of a Gestión Institucional evaluation (seed 001 §4.6): the product or result
/// the servant delivers, its weight and the fulfilment agreed for each seguimiento.
public struct MetaGI: Hashable, Sendable, Codable {
    /// Stable within the evaluation, so a modification can be shown meta by meta.
    public var id: String
    public var descripcion: String
    public var producto: String
    public var evidencias: String
    public var peso: Puntaje
    /// Percentage of the meta agreed to be fulfilled at the first and at the second seguimiento.
    public var pactado1: Puntaje
    public var pactado2: Puntaje
    /// The meta of the dependencia it serves, when there is one (free text or a plan's reference).
    public var metaDependencia: String?
    /// Percentage achieved, self-assessed by the evaluado (or modified by the jefe), per seguimiento.
    public var logrado1: Puntaje?
    public var logrado2: Puntaje?

    public init(id: String, descripcion: String, producto: String, evidencias: String, peso: Puntaje,
                pactado1: Puntaje, pactado2: Puntaje, metaDependencia: String? = nil,
                logrado1: Puntaje? = nil, logrado2: Puntaje? = nil) {
        self.id = id
        self.descripcion = descripcion
        self.producto = producto
        self.evidencias = evidencias
        self.peso = peso
        self.pactado1 = pactado1
        self.pactado2 = pactado2
        self.metaDependencia = metaDependencia
        self.logrado1 = logrado1
        self.logrado2 = logrado2
    }

    public func pactado(_ seguimiento: Int) -> Puntaje { seguimiento == 1 ? pactado1 : pactado2 }
    public func logrado(_ seguimiento: Int) -> Puntaje? { seguimiento == 1 ? logrado1 : logrado2 }
}

/// What changed between two versions of the metas, field by field: what the evaluado sees before
/// accepting a modification by the jefe.
public struct CambioMeta: Hashable, Sendable, Codable {
    public var meta: String
    public var campo: String
    public var antes: String
    public var despues: String

    public init(meta: String, campo: String, antes: String, despues: String) {
        self.meta = meta
        self.campo = campo
        self.antes = antes
        self.despues = despues
    }
}

public enum MetasGI {
    /// The field-keyed problems of the metas formulated, in Spanish; empty when they can be sent.
    public static func validar(_ metas: [MetaGI], componente: Componente) -> [String: String] {
        var e: [String: String] = [:]
        if !componente.cantidad.contiene(metas.count) {
            e["metas"] = "Se requieren \(componente.cantidad.texto) metas y objetivos; hay \(metas.count)."
        }
        for (i, m) in metas.enumerated() {
            let n = i + 1
            if m.descripcion.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                e["metas[\(n)].descripcion"] = "La meta \(n) necesita su descripción (qué se compromete)."
            }
            if m.producto.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                e["metas[\(n)].producto"] = "La meta \(n) necesita el producto o resultado que se entrega."
            }
            if m.evidencias.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                e["metas[\(n)].evidencias"] = "La meta \(n) necesita las evidencias esperadas."
            }
            if m.peso <= .cero || m.peso > .cien {
                e["metas[\(n)].peso"] = "El peso de la meta \(n) debe estar entre 0,01 y 100."
            }
            if m.pactado1 < .cero || m.pactado1 > .cien {
                e["metas[\(n)].pactado1"] = "El porcentaje pactado para el primer seguimiento de la meta \(n) va de 0 a 100."
            }
            if m.pactado2 <= .cero || m.pactado2 > .cien {
                e["metas[\(n)].pactado2"] = "El porcentaje pactado para el segundo seguimiento de la meta \(n) va de 0,01 a 100."
            } else if m.pactado1 > m.pactado2 {
                e["metas[\(n)].pactado2"] = "En la meta \(n), lo pactado para el segundo seguimiento no puede ser menor que para el primero."
            }
        }
        let suma = metas.reduce(0) { $0 + $1.peso.centesimas }
        if !metas.isEmpty && suma != Puntaje.cien.centesimas {
            e["pesos"] = "Los pesos deben sumar exactamente 100 %; suman \(Puntaje(centesimas: suma).texto) %."
        }
        if Set(metas.map(\.id)).count != metas.count { e["metas"] = "Dos metas tienen el mismo identificador." }
        return e
    }

    /// The problems of a self-assessment of `seguimiento`: every meta with its percentage achieved.
    public static func validarAutoevaluacion(_ metas: [MetaGI], seguimiento: Int) -> [String: String] {
        var e: [String: String] = [:]
        for (i, m) in metas.enumerated() {
            let n = i + 1
            guard let l = m.logrado(seguimiento) else {
                e["metas[\(n)].logrado"] = "Registre el porcentaje logrado de la meta \(n)."
                continue
            }
            if l < .cero || l > .cien { e["metas[\(n)].logrado"] = "El porcentaje logrado de la meta \(n) va de 0 a 100." }
        }
        return e
    }

    /// A modification by the jefe must change something: otherwise it is an approval.
    public static func validarModificacion(antes: [MetaGI], despues: [MetaGI]) -> [String: String] {
        diferencias(antes: antes, despues: despues).isEmpty ? ["metas": "No hay cambios: si está de acuerdo, use «Aprobar»."] : [:]
    }

    /// Field-by-field changes from `antes` to `despues`, metas matched by id, in the order of `despues`
    /// then the metas removed.
    public static func diferencias(antes: [MetaGI], despues: [MetaGI]) -> [CambioMeta] {
        func pct(_ p: Puntaje?) -> String { p.map { "\($0.texto) %" } ?? "—" }
        let previas = Dictionary(antes.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var r: [CambioMeta] = []
        for m in despues {
            guard let a = previas[m.id] else {
                r.append(CambioMeta(meta: m.descripcion, campo: "Meta agregada", antes: "—", despues: m.descripcion))
                continue
            }
            let campos: [(String, String, String)] = [
                ("Descripción", a.descripcion, m.descripcion),
                ("Producto o resultado", a.producto, m.producto),
                ("Evidencias", a.evidencias, m.evidencias),
                ("Peso", pct(a.peso), pct(m.peso)),
                ("Pactado primer seguimiento", pct(a.pactado1), pct(m.pactado1)),
                ("Pactado segundo seguimiento", pct(a.pactado2), pct(m.pactado2)),
                ("Meta de la dependencia", a.metaDependencia ?? "—", m.metaDependencia ?? "—"),
                ("Logrado primer seguimiento", pct(a.logrado1), pct(m.logrado1)),
                ("Logrado segundo seguimiento", pct(a.logrado2), pct(m.logrado2)),
            ]
            for (campo, x, y) in campos where x != y {
                r.append(CambioMeta(meta: m.descripcion, campo: campo, antes: x, despues: y))
            }
        }
        let actuales = Set(despues.map(\.id))
        for a in antes where !actuales.contains(a.id) {
            r.append(CambioMeta(meta: a.descripcion, campo: "Meta retirada", antes: a.descripcion, despues: "—"))
        }
        return r
    }
}

/// The arithmetic of a Gestión Institucional result.
public enum CalificacionGI {
    /// Fulfilment of the metas at `seguimiento`: Σ peso × min(logrado / pactado, 1) over the metas with
    /// something agreed for it, as a share of their weights; `nil` until every such meta has its figure.
    public static func seguimiento(_ metas: [MetaGI], _ seguimiento: Int) -> Puntaje? {
        let medidas = metas.filter { $0.pactado(seguimiento) > .cero }
        guard !medidas.isEmpty else { return nil }
        var numerador = 0, pesos = 0
        for m in medidas {
            guard let l = m.logrado(seguimiento) else { return nil }
            let p = m.pactado(seguimiento).centesimas
            numerador += Puntaje.redondear(m.peso.centesimas * min(max(l.centesimas, 0), p) * 100 * 100, p)
            pesos += m.peso.centesimas
        }
        return Puntaje(centesimas: Puntaje.redondear(numerador, pesos))
    }

    /// The comportamentales component: the mean of the competencias' ratings (0–100 each).
    public static func comportamentales(_ calificaciones: [Puntaje]) -> Puntaje? {
        guard !calificaciones.isEmpty else { return nil }
        return Puntaje(centesimas: Puntaje.redondear(calificaciones.reduce(0) { $0 + $1.centesimas }, calificaciones.count))
    }

    /// The final result: metas (second seguimiento) and comportamentales by the instrument's weights.
    public static func resultado(metas: [MetaGI], comportamentales: [Puntaje], definicion: DefinicionGI) -> Puntaje? {
        guard let m = seguimiento(metas, 2) else { return nil }
        guard let comp = definicion.comportamentales, comp.peso > 0 else { return m }
        guard let c = self.comportamentales(comportamentales) else { return nil }
        let pm = definicion.metas.peso, pc = comp.peso
        return Puntaje(centesimas: Puntaje.redondear(pm * m.centesimas + pc * c.centesimas, pm + pc))
    }

    /// Whether the result calls for a formato de mejoramiento individual (activity 18).
    public static func requiereMejoramiento(_ resultado: Puntaje, umbral: Puntaje) -> Bool { resultado < umbral }
}
