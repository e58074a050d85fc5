import Foundation

/// One level of a rating scale: it starts at `desde` (inclusive) and runs up to the next level.
public struct NivelEscala: Hashable, Sendable, Codable {
    public var codigo: String
    public var nombre: String
    public var desde: Puntaje
    /// Whether the level counts as satisfactory (decides insubsistencia and período de prueba).
    public var satisfactorio: Bool

    public init(codigo: String, nombre: String, desde: Puntaje, satisfactorio: Bool) {
        self.codigo = codigo
        self.nombre = nombre
        self.desde = desde
        self.satisfactorio = satisfactorio
    }
}

/// A rating scale: consecutive levels from the lowest score to 100,00, with exact cutoffs.
public struct Escala: Hashable, Sendable, Codable {
    /// Ascending by `desde`; the first starts at 0,00.
    public var niveles: [NivelEscala]

    public init(niveles: [NivelEscala]) {
        self.niveles = niveles.sorted { $0.desde < $1.desde }
    }

    /// The level a score falls in. Scores are clamped to 0,00–100,00.
    public func nivel(para p: Puntaje) -> NivelEscala {
        // Decoded scales skip `init`, so the order is not assumed.
        let ordenados = niveles.sorted { $0.desde < $1.desde }
        var elegido = ordenados[0]
        for n in ordenados where n.desde <= p { elegido = n }
        return elegido
    }

    /// The upper bound of each level (the next level's start minus 0,01; 100,00 for the last).
    public func hasta(_ nivel: NivelEscala) -> Puntaje {
        guard let i = niveles.firstIndex(of: nivel), i + 1 < niveles.count else { return .cien }
        return Puntaje(centesimas: niveles[i + 1].desde.centesimas - 1)
    }

    /// Problems that make the scale unusable, in Spanish; empty when valid.
    public func validar() -> [String] {
        var errores: [String] = []
        if niveles.count < 2 { errores.append("La escala necesita al menos dos niveles.") }
        if let primero = niveles.first, primero.desde != .cero {
            errores.append("El primer nivel debe empezar en 0,00.")
        }
        let cortes = niveles.map(\.desde)
        if cortes != cortes.sorted() { errores.append("Los niveles deben ir de menor a mayor puntaje.") }
        if Set(cortes).count != cortes.count { errores.append("Dos niveles no pueden empezar en el mismo puntaje.") }
        if cortes.contains(where: { $0 > .cien || $0 < .cero }) {
            errores.append("Los puntajes de la escala van de 0,00 a 100,00.")
        }
        if niveles.contains(where: { $0.nombre.trimmingCharacters(in: .whitespaces).isEmpty }) {
            errores.append("Cada nivel necesita un nombre.")
        }
        if Set(niveles.map(\.codigo)).count != niveles.count { errores.append("Los códigos de nivel se repiten.") }
        if !niveles.contains(where: { $0.satisfactorio }) || !niveles.contains(where: { !$0.satisfactorio }) {
            errores.append("La escala necesita niveles satisfactorios y al menos uno no satisfactorio.")
        }
        // Satisfactory levels sit above the unsatisfactory ones.
        if let ultimoNo = niveles.lastIndex(where: { !$0.satisfactorio }),
           let primeroSi = niveles.firstIndex(where: { $0.satisfactorio }), ultimoNo > primeroSi {
            errores.append("Los niveles no satisfactorios deben estar por debajo de los satisfactorios.")
        }
        return errores
    }

    /// Lowest satisfactory score on this scale.
    public var minimoSatisfactorio: Puntaje {
        niveles.first(where: { $0.satisfactorio })?.desde ?? .cien
    }
}
