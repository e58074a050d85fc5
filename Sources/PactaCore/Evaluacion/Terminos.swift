extension Fecha {
    /// The same day `n` months later, clamped to the month's last day (31 Aug + 6 → 28/29 Feb).
    public func sumandoMeses(_ n: Int) -> Fecha {
        let total = (mes - 1) + n
        let anio = self.anio + Int((Double(total) / 12).rounded(.down))
        let m = Fecha.modulo(total, 12) + 1
        return Fecha(anio, m, Swift.min(dia, Fecha.diasDelMes(m, anio: anio)))
    }
}

/// The deadlines of an EDL evaluation and the date checks of the actions bound to them.
public struct Terminos: Sendable {
    public let definicion: DefinicionEDL
    public let calendario: Calendario

    public init(definicion: DefinicionEDL, calendario: Calendario) {
        self.definicion = definicion
        self.calendario = calendario
    }

    /// Concertación: counted from the start of the period, or from posesión when later.
    public func concertacion(inicioPeriodo: Fecha, posesion: Fecha?) -> Fecha {
        let desde = max(inicioPeriodo, posesion ?? inicioPeriodo)
        // "Within the first month" counts the start day itself; días hábiles start the day after,
        // so the period's first day is included by counting from the day before.
        switch definicion.plazos.concertacion {
        case .diasHabiles(let n): return calendario.sumarDiasHabiles(n, desde: desde.sumandoDias(-1))
        case .finDeMes: return definicion.plazos.concertacion.vence(desde: desde, calendario: calendario)
        }
    }

    /// Rating a stretch (semester or period) that ends on `fin`.
    public func calificacion(finTramo fin: Fecha) -> Fecha {
        definicion.plazos.calificacion.vence(desde: fin, calendario: calendario)
    }

    /// An evaluación parcial eventual for a situation starting on `fecha`. A change of evaluador
    /// must be rated before the evaluador leaves: by the last día hábil before the change. A change
    /// of a comisión member is recorded when it happens, so it gets the ordinary 10 días hábiles.
    public func parcial(motivo: MotivoParcial, fecha: Fecha) -> Fecha {
        if motivo == .cambioDeEvaluador {
            return calendario.sumarDiasHabiles(-1, desde: fecha)
        }
        return definicion.plazos.parcial.vence(desde: fecha, calendario: calendario)
    }

    public func notificacion(calificada: Fecha) -> Fecha {
        definicion.plazos.notificacion.vence(desde: calificada, calendario: calendario)
    }

    /// Last day to file reposición or apelación.
    public func recursos(notificada: Fecha) -> Fecha {
        definicion.plazos.recursos.vence(desde: notificada, calendario: calendario)
    }

    public func resolucion(interpuesto: Fecha) -> Fecha {
        definicion.plazos.resolucionRecurso.vence(desde: interpuesto, calendario: calendario)
    }

    /// Fijación by the evaluador when there is no agreement, counted from the failed concertación.
    public func fijacion(desde: Fecha) -> Fecha {
        definicion.plazos.fijacionPorEvaluador.vence(desde: desde, calendario: calendario)
    }

    // MARK: - Checks

    /// A recurso is filed within its término.
    public func verificarRecurso(_ accion: AccionEDL, notificada: Fecha, hoy: Fecha) throws(ErrorFlujoEDL) {
        let vence = recursos(notificada: notificada)
        if hoy > vence { throw .fueraDeTermino(accion: accion, vencio: vence) }
    }

    /// TH declares an evaluation en firme only once the término for recursos has passed.
    public func verificarEnFirme(notificada: Fecha, hoy: Fecha) throws(ErrorFlujoEDL) {
        let vence = recursos(notificada: notificada)
        if hoy <= vence { throw .antesDeTiempo(accion: .declararEnFirme, desde: vence.sumandoDias(1)) }
    }

    /// The minimum satisfactory is applied only once the evaluador's término has passed.
    public func verificarMinimo(finTramo: Fecha, hoy: Fecha) throws(ErrorFlujoEDL) {
        let vence = calificacion(finTramo: finTramo)
        if hoy <= vence { throw .antesDeTiempo(accion: .aplicarMinimo, desde: vence.sumandoDias(1)) }
    }

    /// A stretch is rated from its last day on, never before.
    public func verificarCalificacion(_ accion: AccionEDL, finTramo: Fecha, hoy: Fecha) throws(ErrorFlujoEDL) {
        if hoy < finTramo { throw .antesDeTiempo(accion: accion, desde: finTramo) }
    }

    /// An extraordinaria needs `mesesParaExtraordinaria` months since the last definitive rating
    /// (or since the period began, when there is none).
    public func verificarExtraordinaria(ultimaDefinitiva: Fecha?, inicioPeriodo: Fecha, hoy: Fecha) throws(ErrorFlujoEDL) {
        let desde = (ultimaDefinitiva ?? inicioPeriodo).sumandoMeses(definicion.mesesParaExtraordinaria)
        if hoy < desde { throw .antesDeTiempo(accion: .calificarExtraordinaria, desde: desde) }
    }
}

/// The período de prueba: six months from posesión, extended by long interruptions; its result
/// decides what follows.
public enum PeriodoDePrueba {
    /// Last day of the período de prueba: posesión + meses − 1 day, plus the days of each
    /// interruption of more than `diasInterrupcion` days: the norm extends it for an interruption
    /// "superior a veinte (20) días continuos" (Función Pública, Concepto 151921 de 2022), so exactly
    /// 20 days does not.
    public static func fin(posesion: Fecha, interrupciones: [Periodo], meses: Int = 6, diasInterrupcion: Int = 20) -> Fecha {
        let base = posesion.sumandoMeses(meses).sumandoDias(-1)
        let extra = interrupciones.filter { $0.dias > diasInterrupcion }.reduce(0) { $0 + $1.dias }
        return base.sumandoDias(extra)
    }

    /// What follows a definitive rating of the período de prueba.
    public static func consecuencia(satisfactoria: Bool, veniaDeCarrera: Bool) -> String {
        if satisfactoria {
            return "Inscripción en el Registro Público de Carrera Administrativa."
        }
        return veniaDeCarrera
            ? "Regreso al empleo de carrera que desempeñaba antes del período de prueba."
            : "Retiro del servicio: el nombramiento en período de prueba se declara insubsistente."
    }
}
