import Foundation

/// A compromiso laboral as written in the fijación format: verbo + objeto + condición de resultado.
public struct CompromisoPropuesto: Hashable, Sendable, Codable {
    public var verbo: String
    public var objeto: String
    public var condicion: String
    public var evidencias: String
    /// Percent of the 100 % (hundredths allowed: 33,34).
    public var peso: Puntaje

    public init(verbo: String, objeto: String, condicion: String, evidencias: String, peso: Puntaje) {
        self.verbo = verbo
        self.objeto = objeto
        self.condicion = condicion
        self.evidencias = evidencias
        self.peso = peso
    }

    /// "Elaborar el informe trimestral … con …": how the compromiso reads.
    public var texto: String {
        [verbo, objeto, condicion].map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}

/// How the compromisos were established: agreed and signed by both, or fixed by the evaluador.
public enum ModoFijacion: String, Hashable, Sendable, Codable, CaseIterable {
    case concertados
    /// The evaluado did not sign: the evaluador recorded it and a testigo signed.
    case fijadosConTestigo = "fijados_con_testigo"
    /// No agreement: the evaluador fixed them.
    case fijadosPorEvaluador = "fijados_por_evaluador"

    public var nombre: String {
        switch self {
        case .concertados: "Concertados"
        case .fijadosConTestigo: "Fijados (el evaluado no firmó; firma un testigo)"
        case .fijadosPorEvaluador: "Fijados por el evaluador (sin acuerdo)"
        }
    }
}

/// Why compromisos are adjusted after concertación (DOMAIN.md §4).
public enum MotivoAjuste: String, Hashable, Sendable, Codable, CaseIterable {
    case cambioDePlanes = "cambio_de_planes"
    case traslado
    case encargoOtroNivel = "encargo_otro_nivel"
    case cambioDeEvaluador = "cambio_de_evaluador"
    case reintegro

    public var nombre: String {
        switch self {
        case .cambioDePlanes: "Cambio en planes, programas o proyectos"
        case .traslado: "Traslado a otro empleo"
        case .encargoOtroNivel: "Encargo en otro nivel"
        case .cambioDeEvaluador: "Cambio de evaluador"
        case .reintegro: "Reintegro tras una separación de más de 30 días"
        }
    }

    /// After traslado or encargo, the new compromisos cover only the share not yet evaluated.
    public var cubreSoloLoFaltante: Bool { self == .traslado || self == .encargoOtroNivel }
}

public enum Concertacion {
    /// The field-keyed problems of a set of compromisos, in Spanish; empty when they can be signed.
    /// - Parameters:
    ///   - pesoTotal: what the weights must add up to (100,00, or the remaining share after a traslado).
    public static func validar(funcionales: [CompromisoPropuesto], comportamentales: [String],
                               nivel: NivelJerarquico, enPrueba: Bool, definicion: DefinicionEDL,
                               pesoTotal: Puntaje = .cien) -> [String: String] {
        var e: [String: String] = [:]
        let rango = enPrueba ? definicion.funcionalesEnPrueba : definicion.funcionales
        if !rango.contiene(funcionales.count) {
            e["funcionales"] = "Se requieren \(rango.texto) compromisos laborales\(enPrueba ? " en período de prueba" : ""); hay \(funcionales.count)."
        }
        for (i, c) in funcionales.enumerated() {
            let n = i + 1
            if c.verbo.trimmingCharacters(in: .whitespaces).isEmpty {
                e["funcionales[\(n)].verbo"] = "El compromiso \(n) necesita un verbo (la acción que se compromete)."
            }
            if c.objeto.trimmingCharacters(in: .whitespaces).isEmpty {
                e["funcionales[\(n)].objeto"] = "El compromiso \(n) necesita un objeto (el producto o resultado)."
            }
            if c.condicion.trimmingCharacters(in: .whitespaces).isEmpty {
                e["funcionales[\(n)].condicion"] = "El compromiso \(n) necesita la condición de resultado."
            }
            if c.peso <= .cero || c.peso > .cien {
                e["funcionales[\(n)].peso"] = "El peso del compromiso \(n) debe estar entre 0,01 y 100."
            }
        }
        let suma = funcionales.reduce(0) { $0 + $1.peso.centesimas }
        if !funcionales.isEmpty && suma != pesoTotal.centesimas {
            e["pesos"] = "Los pesos deben sumar exactamente \(pesoTotal.texto) %; suman \(Puntaje(centesimas: suma).texto) %."
        }
        if !definicion.comportamentales.contiene(comportamentales.count) {
            e["comportamentales"] = "Se requieren \(definicion.comportamentales.texto) competencias comportamentales; hay \(comportamentales.count)."
        }
        if Set(comportamentales).count != comportamentales.count {
            e["comportamentales"] = "Una competencia comportamental está repetida."
        }
        let disponibles = Set(CatalogoCompetencias.disponibles(para: nivel).map(\.codigo))
        if let ajena = comportamentales.first(where: { !disponibles.contains($0) }) {
            let nombre = CatalogoCompetencias.competencia(ajena)?.nombre ?? ajena
            e["comportamentales"] = "La competencia «\(nombre)» no es común ni del nivel \(nivel.nombre.lowercased())."
        }
        return e
    }
}
