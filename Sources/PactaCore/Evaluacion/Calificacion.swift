/// How a stretch is rated: each compromiso's cumplimiento (0–100) weighted by its peso, plus the
/// comportamentales' points mapped onto their share (DOMAIN.md §4: puntos / máximo).
public enum Calificacion {
    public struct Funcional: Hashable, Sendable {
        public var peso: Puntaje
        public var cumplimiento: Puntaje
        public init(peso: Puntaje, cumplimiento: Puntaje) {
            self.peso = peso
            self.cumplimiento = cumplimiento
        }
    }

    public static func validar(funcionales: [Funcional], puntosComportamentales: Int?,
                               definicion: DefinicionEDL) -> [String: String] {
        var e: [String: String] = [:]
        if funcionales.isEmpty { e["funcionales"] = "No hay compromisos que calificar." }
        for (i, f) in funcionales.enumerated() where f.cumplimiento < .cero || f.cumplimiento > .cien {
            e["cumplimiento[\(i + 1)]"] = "La calificación del compromiso \(i + 1) va de 0 a 100."
        }
        if definicion.pesoComportamental > 0 {
            let r = definicion.puntosComportamentales
            if let p = puntosComportamentales {
                if !r.contiene(p) { e["comportamentales"] = "Los puntos comportamentales van de \(r.minimo) a \(r.maximo)." }
            } else {
                e["comportamentales"] = "Registre los puntos de las competencias comportamentales (\(r.minimo) a \(r.maximo))."
            }
        }
        return e
    }

    /// The funcional part on 0–100: Σ peso × cumplimiento / Σ peso (weights may cover only a share
    /// after a traslado, so they are normalised).
    public static func funcional(_ fs: [Funcional]) -> Puntaje {
        let pesos = fs.reduce(0) { $0 + $1.peso.centesimas }
        guard pesos > 0 else { return .cero }
        let suma = fs.reduce(0) { $0 + $1.peso.centesimas * $1.cumplimiento.centesimas }
        return Puntaje(centesimas: Puntaje.dividirRedondeando(suma, pesos))
    }

    /// The stretch's score: funcional × pesoFuncional % + puntos / máximo × pesoComportamental %,
    /// computed as one exact fraction and rounded once, half up, to the hundredth: rounding the
    /// funcional part first could move a score across a cutoff (65,0028 must stay below 65,01).
    public static func puntaje(funcionales: [Funcional], puntosComportamentales: Int?,
                               definicion: DefinicionEDL) -> Puntaje {
        let pesos = funcionales.reduce(0) { $0 + $1.peso.centesimas }
        let suma = funcionales.reduce(0) { $0 + $1.peso.centesimas * $1.cumplimiento.centesimas }
        // funcional in hundredths = suma / pesos; its share = × pesoFuncional / 100.
        var numerador = pesos > 0 ? suma * definicion.pesoFuncional : 0
        var denominador = max(pesos, 1) * 100
        let maximo = definicion.puntosComportamentales.maximo
        if definicion.pesoComportamental > 0, let p = puntosComportamentales, maximo > 0 {
            // + p × 100 × pesoComportamental / máximo hundredths, over the common denominator.
            numerador = numerador * maximo + p * 100 * definicion.pesoComportamental * denominador
            denominador *= maximo
        }
        return Puntaje(centesimas: min(Puntaje.dividirRedondeando(numerador, denominador), 10_000))
    }
}
