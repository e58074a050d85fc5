import Foundation

/// A month and day within a period template, with a year offset from the period's starting year
/// (the second semester of the CNSC period ends on 31 January of the next year: `+1`).
public struct MesDia: Hashable, Sendable, Codable {
    public var mes: Int
    public var dia: Int
    public var anioSiguiente: Bool

    public init(_ mes: Int, _ dia: Int, anioSiguiente: Bool = false) {
        self.mes = mes
        self.dia = dia
        self.anioSiguiente = anioSiguiente
    }

    public func fecha(anio: Int) -> Fecha? {
        Fecha(anio: anio + (anioSiguiente ? 1 : 0), mes: mes, dia: dia)
    }
}

/// A deadline rule, counted from a reference date (the day after it, for días hábiles).
public enum Plazo: Hashable, Sendable, Codable {
    /// `n` días hábiles after the reference date.
    case diasHabiles(Int)
    /// The last day of the month `meses` months after the reference date's month
    /// (0: the same month; "durante el mes de enero", "en agosto" after a semester ending in June: 2).
    case finDeMes(meses: Int)

    public func vence(desde: Fecha, calendario: Calendario) -> Fecha {
        switch self {
        case .diasHabiles(let n):
            return calendario.sumarDiasHabiles(n, desde: desde)
        case .finDeMes(let meses):
            let total = desde.mes - 1 + meses
            let anio = desde.anio + Int((Double(total) / 12).rounded(.down))
            let mes = Fecha.modulo(total, 12) + 1
            return Fecha(anio, mes, Fecha.diasDelMes(mes, anio: anio))
        }
    }

    public var texto: String {
        switch self {
        case .diasHabiles(let n): "\(n) \(n == 1 ? "día hábil" : "días hábiles")"
        case .finDeMes(0): "hasta el fin del mismo mes"
        case .finDeMes(let m): "hasta el fin del \(m == 1 ? "mes siguiente" : "\(m).º mes siguiente")"
        }
    }
}

/// A stretch of the period that is rated on its own (a semester) — its dates as a template.
public struct PlantillaTramo: Hashable, Sendable, Codable {
    public var nombre: String
    public var inicio: MesDia
    public var fin: MesDia

    public init(nombre: String, inicio: MesDia, fin: MesDia) {
        self.nombre = nombre
        self.inicio = inicio
        self.fin = fin
    }
}

/// A kind of evaluation period an instrument opens (annual, first semester…), with its stretches.
public struct PlantillaPeriodo: Hashable, Sendable, Codable {
    public var codigo: String
    public var nombre: String
    public var tramos: [PlantillaTramo]

    public init(codigo: String, nombre: String, tramos: [PlantillaTramo]) {
        self.codigo = codigo
        self.nombre = nombre
        self.tramos = tramos
    }

    /// The concrete dates of this period starting in `anio`: the whole period and each stretch.
    public func fechas(anio: Int) -> (periodo: Periodo, tramos: [(nombre: String, periodo: Periodo)])? {
        var resultado: [(String, Periodo)] = []
        for t in tramos {
            guard let i = t.inicio.fecha(anio: anio), let f = t.fin.fecha(anio: anio),
                  let p = Periodo(inicio: i, fin: f) else { return nil }
            resultado.append((t.nombre, p))
        }
        guard let primero = resultado.first, let ultimo = resultado.last,
              let total = Periodo(inicio: primero.1.inicio, fin: ultimo.1.fin) else { return nil }
        return (total, resultado.map { (nombre: $0.0, periodo: $0.1) })
    }
}

/// An inclusive range of counts ("de 1 a 5 compromisos").
public struct Rango: Hashable, Sendable, Codable {
    public var minimo: Int
    public var maximo: Int
    public init(_ minimo: Int, _ maximo: Int) {
        self.minimo = minimo
        self.maximo = maximo
    }
    public func contiene(_ n: Int) -> Bool { minimo <= n && n <= maximo }
    public var texto: String { minimo == maximo ? "\(minimo)" : "de \(minimo) a \(maximo)" }
}

/// Who signs the EDL formats.
public enum Firmante: String, Hashable, Sendable, Codable, CaseIterable {
    case evaluador, evaluado, comision
    public var nombre: String {
        switch self {
        case .evaluador: "Evaluador (jefe inmediato)"
        case .evaluado: "Evaluado"
        case .comision: "Comisión evaluadora"
        }
    }
}

/// The printable EDL formats, with the entity's own codes.
public enum FormatoEDL: String, Hashable, Sendable, Codable, CaseIterable {
    case fijacion, seguimiento, planDeMejoramiento = "plan_de_mejoramiento", comportamentales
    case consolidacion, parcial, extraordinaria

    public var nombre: String {
        switch self {
        case .fijacion: "Fijación de compromisos laborales"
        case .seguimiento: "Seguimiento de compromisos laborales"
        case .planDeMejoramiento: "Plan de mejoramiento"
        case .comportamentales: "Resultados de competencias comportamentales"
        case .consolidacion: "Consolidación de resultados"
        case .parcial: "Evaluación parcial eventual"
        case .extraordinaria: "Evaluación extraordinaria"
        }
    }
}

/// The deadlines of the cycle.
public struct PlazosEDL: Hashable, Sendable, Codable {
    /// From the start of the period (or of posesión) to concert compromisos.
    public var concertacion: Plazo
    /// For the evaluador to fix them when there is no agreement (from the failed concertación).
    public var fijacionPorEvaluador: Plazo
    /// From the end of each stretch (semester) to rate it.
    public var calificacion: Plazo
    /// From the situación administrativa to the evaluación parcial eventual.
    public var parcial: Plazo
    /// From the definitive rating to its notification.
    public var notificacion: Plazo
    /// From the notification to file reposición / apelación.
    public var recursos: Plazo
    /// To resolve a recurso once filed.
    public var resolucionRecurso: Plazo

    public init(concertacion: Plazo, fijacionPorEvaluador: Plazo, calificacion: Plazo, parcial: Plazo,
                notificacion: Plazo, recursos: Plazo, resolucionRecurso: Plazo) {
        self.concertacion = concertacion
        self.fijacionPorEvaluador = fijacionPorEvaluador
        self.calificacion = calificacion
        self.parcial = parcial
        self.notificacion = notificacion
        self.recursos = recursos
        self.resolucionRecurso = resolucionRecurso
    }
}

/// An entity's EDL instrument: who it evaluates, its periods, deadlines, limits, weights, scale
/// and signatures. Everything that differs between entities is here, as data.
public struct DefinicionEDL: Hashable, Sendable, Codable {
    public var nombre: String
    public var descripcion: String
    public var vinculaciones: [TipoVinculacion]
    public var periodos: [PlantillaPeriodo]
    public var plazos: PlazosEDL
    public var funcionales: Rango
    public var funcionalesEnPrueba: Rango
    public var comportamentales: Rango
    /// Share of the score given by the compromisos funcionales, in percent (85 or 100).
    public var pesoFuncional: Int
    /// Share of the comportamentales (15 or 0). `pesoFuncional + pesoComportamental == 100`.
    public var pesoComportamental: Int
    /// The points an evaluador gives the comportamentales (CNSC bands 4–15), mapped as puntos / máximo.
    public var puntosComportamentales: Rango
    public var escala: Escala
    /// What a stretch the evaluador failed to rate in time counts for.
    public var puntajeMinimoSatisfactorio: Puntaje
    public var firmantes: [Firmante]
    /// Months that must pass since the last definitive rating before an extraordinaria.
    public var mesesParaExtraordinaria: Int
    /// Length of the período de prueba and the interruption that extends it (more than this many days).
    public var mesesPeriodoDePrueba: Int
    public var diasInterrupcionPrueba: Int
    /// Stretches of this many calendar days or fewer are rated together with the next one.
    public var diasMinimosTramo: Int
    /// Whether each semester's rating is itself definitive (seed 003) or the definitive is the annual one (CNSC).
    public var semestralEsDefinitiva: Bool
    public var formatos: [String: String]

    public init(nombre: String, descripcion: String, vinculaciones: [TipoVinculacion], periodos: [PlantillaPeriodo],
                plazos: PlazosEDL, funcionales: Rango, funcionalesEnPrueba: Rango, comportamentales: Rango,
                pesoFuncional: Int, pesoComportamental: Int, puntosComportamentales: Rango, escala: Escala,
                puntajeMinimoSatisfactorio: Puntaje, firmantes: [Firmante], mesesParaExtraordinaria: Int = 3,
                mesesPeriodoDePrueba: Int = 6, diasInterrupcionPrueba: Int = 20, diasMinimosTramo: Int = 30,
                semestralEsDefinitiva: Bool, formatos: [String: String]) {
        self.nombre = nombre
        self.descripcion = descripcion
        self.vinculaciones = vinculaciones
        self.periodos = periodos
        self.plazos = plazos
        self.funcionales = funcionales
        self.funcionalesEnPrueba = funcionalesEnPrueba
        self.comportamentales = comportamentales
        self.pesoFuncional = pesoFuncional
        self.pesoComportamental = pesoComportamental
        self.puntosComportamentales = puntosComportamentales
        self.escala = escala
        self.puntajeMinimoSatisfactorio = puntajeMinimoSatisfactorio
        self.firmantes = firmantes
        self.mesesParaExtraordinaria = mesesParaExtraordinaria
        self.mesesPeriodoDePrueba = mesesPeriodoDePrueba
        self.diasInterrupcionPrueba = diasInterrupcionPrueba
        self.diasMinimosTramo = diasMinimosTramo
        self.semestralEsDefinitiva = semestralEsDefinitiva
        self.formatos = formatos
    }

    public var requiereComision: Bool { firmantes.contains(.comision) }

    public func codigoFormato(_ f: FormatoEDL) -> String { formatos[f.rawValue] ?? "" }

    public func plantilla(_ codigo: String) -> PlantillaPeriodo? { periodos.first { $0.codigo == codigo } }

    /// Problems of the definition, per field, in Spanish; empty when it can be used.
    public func validar() -> [String: String] {
        var e: [String: String] = [:]
        if nombre.trimmingCharacters(in: .whitespaces).isEmpty { e["nombre"] = "Escriba el nombre del instrumento." }
        if vinculaciones.isEmpty { e["vinculaciones"] = "Elija al menos un tipo de vinculación." }
        if periodos.isEmpty { e["periodos"] = "El instrumento necesita al menos un período." }
        for p in periodos {
            if p.tramos.isEmpty || p.fechas(anio: 2026) == nil {
                e["periodos"] = "Las fechas del período «\(p.nombre)» no son válidas."
            } else if let f = p.fechas(anio: 2026) {
                for (a, b) in zip(f.tramos, f.tramos.dropFirst()) where b.periodo.inicio != a.periodo.fin.sumandoDias(1) {
                    e["periodos"] = "Los tramos del período «\(p.nombre)» deben ser consecutivos."
                }
            }
        }
        if Set(periodos.map(\.codigo)).count != periodos.count { e["periodos"] = "Dos períodos tienen el mismo código." }
        for (campo, r) in [("funcionales", funcionales), ("funcionalesEnPrueba", funcionalesEnPrueba),
                           ("comportamentales", comportamentales)] where r.minimo < 0 || r.maximo < r.minimo || r.maximo > 20 {
            e[campo] = "El rango de compromisos no es válido."
        }
        if funcionales.minimo < 1 { e["funcionales"] = "Se necesita al menos un compromiso funcional." }
        if pesoFuncional < 0 || pesoComportamental < 0 || pesoFuncional + pesoComportamental != 100 {
            e["pesoFuncional"] = "Los pesos funcional y comportamental deben sumar 100."
        }
        if pesoComportamental > 0 && (puntosComportamentales.minimo < 0 || puntosComportamentales.maximo <= 0
                                      || puntosComportamentales.maximo < puntosComportamentales.minimo) {
            e["puntosComportamentales"] = "El rango de puntos comportamentales no es válido."
        }
        let errEscala = escala.validar()
        if !errEscala.isEmpty { e["escala"] = errEscala.joined(separator: " ") }
        if !escala.niveles.isEmpty && !escala.nivel(para: puntajeMinimoSatisfactorio).satisfactorio {
            e["puntajeMinimoSatisfactorio"] = "El mínimo satisfactorio debe caer en un nivel satisfactorio de la escala."
        }
        if !firmantes.contains(.evaluador) || !firmantes.contains(.evaluado) {
            e["firmantes"] = "Firman al menos el evaluador y el evaluado."
        }
        if mesesParaExtraordinaria < 0 || mesesPeriodoDePrueba < 1 || diasInterrupcionPrueba < 1 || diasMinimosTramo < 0 {
            e["plazos"] = "Los plazos deben ser positivos."
        }
        return e
    }
}
