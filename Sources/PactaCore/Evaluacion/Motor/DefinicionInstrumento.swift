import Foundation

/// The three legal instruments of individual evaluation (DOMAIN.md §2), by whom they evaluate.
public enum TipoInstrumento: String, ElementoDeFlujo {
    case edl
    case gestionInstitucional = "gestion_institucional"
    case acuerdoDeGestion = "acuerdo_de_gestion"

    public var nombre: String {
        switch self {
        case .edl: "Evaluación del Desempeño Laboral"
        case .gestionInstitucional: "Evaluación de la Gestión Institucional"
        case .acuerdoDeGestion: "Acuerdo de Gestión"
        }
    }

    /// The instrument that evaluates a servant by the tipo de vinculación (DOMAIN.md §2); the EDL's
    /// own definition may add LNR (seed 003).
    public static func para(_ v: TipoVinculacion) -> TipoInstrumento? {
        switch v {
        case .carrera, .periodoDePrueba: .edl
        case .provisional, .libreNombramiento: .gestionInstitucional
        case .gerentePublico: .acuerdoDeGestion
        case .temporal: nil
        }
    }
}

/// A part of the score: compromisos funcionales, metas y objetivos, comportamentales, compromisos gerenciales.
public struct Componente: Hashable, Sendable, Codable {
    public var codigo: String
    public var nombre: String
    /// Share of the total score, in percent; the components of an instrument sum 100.
    public var peso: Int
    /// How many items the evaluation may have.
    public var cantidad: Rango

    public init(codigo: String, nombre: String, peso: Int, cantidad: Rango) {
        self.codigo = codigo
        self.nombre = nombre
        self.peso = peso
        self.cantidad = cantidad
    }
}

/// What every instrument defines, in one shape: who it evaluates, its components and weights, its
/// periods and stretches, its deadlines keyed by what they are for, its scale, who signs and the
/// codes of its printable formats. Each instrument's definition is one instance of it; presets ship
/// and the entity edits them.
public struct DefinicionInstrumento: Hashable, Sendable, Codable {
    public var tipo: TipoInstrumento
    public var nombre: String
    public var descripcion: String
    public var vinculaciones: [TipoVinculacion]
    public var componentes: [Componente]
    public var periodos: [PlantillaPeriodo]
    public var plazos: [String: Plazo]
    public var escala: Escala
    /// Codes of the roles that sign (evaluador, evaluado, comisión…).
    public var firmantes: [String]
    public var formatos: [String: String]

    public init(tipo: TipoInstrumento, nombre: String, descripcion: String, vinculaciones: [TipoVinculacion],
                componentes: [Componente], periodos: [PlantillaPeriodo], plazos: [String: Plazo], escala: Escala,
                firmantes: [String], formatos: [String: String]) {
        self.tipo = tipo
        self.nombre = nombre
        self.descripcion = descripcion
        self.vinculaciones = vinculaciones
        self.componentes = componentes
        self.periodos = periodos
        self.plazos = plazos
        self.escala = escala
        self.firmantes = firmantes
        self.formatos = formatos
    }

    public func componente(_ codigo: String) -> Componente? { componentes.first { $0.codigo == codigo } }

    /// The plazo for `clave` counted from `desde`, on the entity's calendar.
    public func vence(_ clave: String, desde: Fecha, calendario: Calendario) -> Fecha? {
        plazos[clave]?.vence(desde: desde, calendario: calendario)
    }

    /// The problems every instrument's definition can have, per field, in Spanish.
    public func validar() -> [String: String] {
        var e: [String: String] = [:]
        if nombre.trimmingCharacters(in: .whitespaces).isEmpty { e["nombre"] = "Escriba el nombre del instrumento." }
        if vinculaciones.isEmpty { e["vinculaciones"] = "Elija al menos un tipo de vinculación." }
        if componentes.isEmpty || componentes.contains(where: { $0.peso < 0 })
            || componentes.reduce(0, { $0 + $1.peso }) != 100 {
            e["componentes"] = "Los pesos de los componentes deben sumar 100."
        }
        if componentes.contains(where: { $0.cantidad.minimo < 0 || $0.cantidad.maximo < $0.cantidad.minimo }) {
            e["componentes"] = "El rango de cantidad de un componente no es válido."
        }
        if periodos.isEmpty { e["periodos"] = "El instrumento necesita al menos un período." }
        for p in periodos where p.tramos.isEmpty || p.fechas(anio: 2026) == nil {
            e["periodos"] = "Las fechas del período «\(p.nombre)» no son válidas."
        }
        if plazos.values.contains(where: { if case .diasHabiles(let n) = $0 { n < 0 } else { false } }) {
            e["plazos"] = "Los plazos deben ser positivos."
        }
        let errEscala = escala.validar()
        if !errEscala.isEmpty { e["escala"] = errEscala.joined(separator: " ") }
        return e
    }
}

extension DefinicionEDL {
    /// The EDL definition in the shape every instrument shares.
    public var comun: DefinicionInstrumento {
        DefinicionInstrumento(
            tipo: .edl, nombre: nombre, descripcion: descripcion, vinculaciones: vinculaciones,
            componentes: [
                Componente(codigo: "funcionales", nombre: "Compromisos funcionales", peso: pesoFuncional, cantidad: funcionales),
                Componente(codigo: "comportamentales", nombre: "Competencias comportamentales", peso: pesoComportamental,
                           cantidad: comportamentales),
            ],
            periodos: periodos,
            plazos: ["concertacion", "fijacion", "calificacion", "parcial", "notificacion", "recursos", "resolucion_recurso"]
                .reduce(into: [:]) { $0[$1] = plazos.plazo($1) },
            escala: escala, firmantes: firmantes.map(\.rawValue), formatos: formatos)
    }
}
