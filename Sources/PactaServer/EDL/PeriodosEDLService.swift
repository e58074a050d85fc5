import Fluent
import Foundation
import PactaCore
import SQLKit
import Vapor

/// Opening and reading evaluation periods.
enum PeriodosEDLService {
    struct AbrirInput: Content {
        var instrumentoId: String?
        var plantilla: String?
        var anio: String?
    }

    struct Apertura: Sendable {
        let periodo: PeriodoEDL
        let creadas: Int
        let sinEvaluador: Int
        let omitidos: Int
    }

    /// Opens a period: one evaluation per active servant the instrument covers, with the jefe as
    /// evaluador. Servants with 30 days or fewer of service in the period are rated with the next one.
    static func abrir(_ input: AbrirInput, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> Apertura {
        try actor.exigir(.gestionarEvaluaciones)
        var c = Campos()
        let instrumentoID = c.uuid("instrumentoId", input.instrumentoId, etiqueta: "El instrumento")
        if Campos.limpio(input.instrumentoId) == nil { c.falla("instrumentoId", "Elija el instrumento.") }
        let anioTexto = Campos.limpio(input.anio)
        let anio = anioTexto.flatMap(Int.init)
        if anio == nil || !(2000...2100).contains(anio!) { c.falla("anio", "El año debe estar entre 2000 y 2100.") }
        try c.lanzarSiHayErrores()
        let instrumento = try await InstrumentosEDLService.obtener(instrumentoID, actor, on: db)
        let def = try instrumento.definicion
        guard instrumento.activo else { throw PactaError.conflicto("El instrumento está inactivo: actívelo antes de abrir un período.") }
        let codigo = Campos.limpio(input.plantilla) ?? def.periodos.first!.codigo
        guard let plantilla = def.plantilla(codigo) else {
            throw PactaError.validacion(["plantilla": "El período «\(codigo)» no existe en el instrumento. Opciones: \(def.periodos.map(\.codigo).joined(separator: ", "))."])
        }
        guard let fechas = plantilla.fechas(anio: anio!) else {
            throw PactaError.validacion(["anio": "Las fechas del período no son válidas para \(anio!)."])
        }
        let calendario = try await CalendarioService.calendario(actor.entidadID, on: db)
        let terminos = Terminos(definicion: def, calendario: calendario)

        return try await db.escribir { db in
            if try await PeriodoEDL.query(on: db).filter(\.$instrumento.$id == instrumento.id!)
                .filter(\.$plantilla == codigo).filter(\.$anio == anio!).count() > 0 {
                throw PactaError.conflicto("El \(plantilla.nombre.lowercased()) \(anio!) de este instrumento ya fue abierto.")
            }
            let p = PeriodoEDL()
            p.$entidad.id = actor.entidadID
            p.$instrumento.id = instrumento.id!
            p.nombre = "\(plantilla.nombre) \(fechas.periodo.inicio.anio == fechas.periodo.fin.anio ? "\(anio!)" : "\(anio!)–\(anio! + 1)")"
            p.plantilla = codigo
            p.anio = anio!
            p.inicio = fechas.periodo.inicio.iso
            p.fin = fechas.periodo.fin.iso
            p.tramosJSON = String(decoding: try JSONEncoder().encode(fechas.tramos.map {
                PeriodoEDL.Tramo(nombre: $0.nombre, inicio: $0.periodo.inicio, fin: $0.periodo.fin) }), as: UTF8.self)
            p.definicionJSON = instrumento.definicionJSON
            p.$abiertoPor.id = actor.usuarioID
            try await p.create(on: db)

            let r = try await crearEvaluaciones(p, definicion: def, terminos: terminos, actor, on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: "abrir", tipo: "periodo_edl", id: p.id!.uuidString,
                                         antes: Optional<Nada>.none,
                                         despues: ["nombre": p.nombre, "instrumento": instrumento.nombre, "evaluaciones": "\(r.creadas)"])
            return Apertura(periodo: p, creadas: r.creadas, sinEvaluador: r.sinEvaluador, omitidos: r.omitidos)
        }
    }

    struct Creadas: Sendable { let creadas: Int; let sinEvaluador: Int; let omitidos: Int }

    /// Creates the evaluations the period owes: one per active servant the instrument covers who has
    /// none in it yet, with the jefe as evaluador. Servants with 30 days or fewer of service in the
    /// period are rated with the next one; a período de prueba is evaluated once, from posesión (six
    /// months, extended by the interruptions already recorded), even when it spans two periods.
    static func crearEvaluaciones(_ p: PeriodoEDL, definicion def: DefinicionEDL, terminos: Terminos, _ actor: Actor,
                                  on db: any Database) async throws -> Creadas {
        guard let periodo = Periodo(inicio: Fecha(iso: p.inicio)!, fin: Fecha(iso: p.fin)!) else { return Creadas(creadas: 0, sinEvaluador: 0, omitidos: 0) }
        let yaEvaluados = Set(try await EvaluacionEDL.query(on: db).filter(\.$periodo.$id == p.id!).all(\.$servidor.$id))
        let servidores = try await Servidor.query(on: db).filter(\.$entidad.$id == actor.entidadID)
            .filter(\.$activo == true).filter(\.$tipoVinculacion ~~ def.vinculaciones).with(\.$empleo).all()
            .filter { !yaEvaluados.contains($0.id!) }
        // Períodos de prueba: the evaluations other periods already hold, and the interruptions recorded.
        let enPrueba = servidores.filter { $0.tipoVinculacion == .periodoDePrueba }.compactMap(\.id)
        var pruebasPrevias: [UUID: [Periodo]] = [:]
        var interrupciones: [UUID: [Periodo]] = [:]
        if !enPrueba.isEmpty {
            for lote in stride(from: 0, to: enPrueba.count, by: 500) {
                let ids = Array(enPrueba[lote..<min(lote + 500, enPrueba.count)])
                for e in try await EvaluacionEDL.query(on: db).filter(\.$servidor.$id ~~ ids).filter(\.$enPrueba == true)
                    .filter(\.$estado != .cerrada).all() {
                    pruebasPrevias[e.$servidor.id, default: []].append(e.cubre)
                }
                let tipos = TipoSituacion.allCases.filter(\.esSeparacion)
                for s in try await SituacionAdministrativa.query(on: db).filter(\.$servidor.$id ~~ ids).filter(\.$tipo ~~ tipos).all() {
                    guard let i = Fecha(iso: s.fechaInicio), let f = s.fechaFin.flatMap(Fecha.init(iso:)), let per = Periodo(inicio: i, fin: f) else { continue }
                    interrupciones[s.$servidor.id, default: []].append(per)
                }
            }
        }
        var nuevas: [EvaluacionEDL] = []
        var omitidos = 0, sinEvaluador = 0
        var porEvaluador: [UUID: Int] = [:]
        for s in servidores {
            let posesion = s.posesion
            let prueba = s.tipoVinculacion == .periodoDePrueba
            var inicio = max(periodo.inicio, posesion ?? periodo.inicio)
            var fin = periodo.fin
            if prueba, let posesion {
                inicio = posesion
                let base = PeriodoDePrueba.fin(posesion: posesion, interrupciones: [], meses: def.mesesPeriodoDePrueba,
                                               diasInterrupcion: def.diasInterrupcionPrueba)
                let durante = (interrupciones[s.id!] ?? []).filter { $0.inicio >= posesion && $0.inicio <= base }
                fin = PeriodoDePrueba.fin(posesion: posesion, interrupciones: durante, meses: def.mesesPeriodoDePrueba,
                                          diasInterrupcion: def.diasInterrupcionPrueba)
                // A período de prueba that ended before this period, starts after it, or is already
                // evaluated in another period, is not this period's.
                let yaEvaluada = (pruebasPrevias[s.id!] ?? []).contains { $0.inicio == posesion }
                if fin < periodo.inicio || inicio > periodo.fin || yaEvaluada { omitidos += 1; continue }
            }
            guard let cubre = Periodo(inicio: inicio, fin: fin),
                  Consolidacion.seCalificaEnElPeriodo(diasLaborados: cubre.dias, diasMinimos: def.diasMinimosTramo) else {
                omitidos += 1
                continue
            }
            let e = EvaluacionEDL()
            e.$entidad.id = actor.entidadID
            e.$periodo.id = p.id!
            e.$servidor.id = s.id!
            e.$evaluador.id = s.$jefe.id
            e.$dependencia.id = s.$dependencia.id
            e.estado = .porConcertar
            e.enPrueba = prueba
            e.inicio = inicio.iso
            e.fin = fin.iso
            e.venceConcertacion = terminos.concertacion(inicioPeriodo: inicio, posesion: nil).iso
            e.nivel = s.empleo?.nivel ?? .profesional
            e.vinculacion = s.tipoVinculacion
            e.pesoTotal = 10_000
            e.comportamentalesJSON = "[]"
            e.esExtraordinaria = false
            e.version = 1
            nuevas.append(e)
            if let j = s.$jefe.id { porEvaluador[j, default: 0] += 1 } else { sinEvaluador += 1 }
        }
        for lote in stride(from: 0, to: nuevas.count, by: 500) {
            try await nuevas[lote..<min(lote + 500, nuevas.count)].create(on: db)
        }
        for (evaluador, n) in porEvaluador {
            try await AvisosService.encolar(
                on: db, entidadID: actor.entidadID, servidorID: evaluador,
                clave: "apertura|\(p.id!.uuidString)|\(evaluador.uuidString)|\(yaEvaluados.count)",
                asunto: "Concertar compromisos: \(p.nombre)",
                cuerpo: yaEvaluados.isEmpty
                    ? "Se abrió el \(p.nombre) de evaluación del desempeño. Debe concertar los compromisos de \(n) \(n == 1 ? "servidor" : "servidores") a su cargo."
                    : "Se incorporaron al \(p.nombre) \(n) \(n == 1 ? "servidor" : "servidores") a su cargo: concierte sus compromisos.",
                enlace: "/edl")
        }
        return Creadas(creadas: nuevas.count, sinEvaluador: sinEvaluador, omitidos: omitidos)
    }

    /// Talento Humano adds to an open period the servants who joined (or became covered) after it was
    /// opened. Running it again adds nothing new.
    static func incorporar(_ id: UUID?, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> Creadas {
        try actor.exigir(.gestionarEvaluaciones)
        return try await db.escribir { db in
            let p = try await obtener(id, actor, on: db)
            let def = try p.definicion
            let calendario = try await CalendarioService.calendario(actor.entidadID, on: db)
            let r = try await crearEvaluaciones(p, definicion: def, terminos: Terminos(definicion: def, calendario: calendario), actor, on: db)
            if r.creadas > 0 {
                try await AuditLog.registrar(on: db, actor: actor, accion: "incorporar servidores", tipo: "periodo_edl", id: p.id!.uuidString,
                                             antes: Optional<Nada>.none, despues: ["nombre": p.nombre, "evaluaciones": "\(r.creadas)"])
            }
            return r
        }
    }

    static func listar(_ actor: Actor, on db: any Database) async throws -> [PeriodoEDL] {
        try await PeriodoEDL.query(on: db).filter(\.$entidad.$id == actor.entidadID)
            .sort(\.$anio, .descending).sort(\.$inicio, .descending).with(\.$instrumento).all()
    }

    static func obtener(_ id: UUID?, _ actor: Actor, on db: any Database) async throws -> PeriodoEDL {
        guard let id, let p = try await PeriodoEDL.query(on: db).filter(\.$id == id)
            .filter(\.$entidad.$id == actor.entidadID).with(\.$instrumento).first() else {
            throw PactaError.noEncontrado("El período")
        }
        return p
    }

    /// Evaluations per stage in the period (one grouped query; fast at 50 000). The figures are
    /// entity-wide for Talento Humano and Control Interno; anyone else counts only the evaluations
    /// they take part in (their own, those they evaluate or approve in comisión), as the list shows them.
    static func conteoPorEstado(_ periodoID: UUID, _ actor: Actor? = nil, on db: any Database) async throws -> [EstadoEDL: Int] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        struct Fila: Decodable { let estado: String; let n: Int }
        let q = sql.select().column("estado").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("evaluaciones_edl").where("periodo_id", .equal, SQLBind(periodoID))
        if let actor, !(actor.puede(.verEvaluaciones) || actor.puede(.gestionarEvaluaciones)) {
            let yo = actor.servidorID ?? UUID()
            q.where { $0.where("servidor_id", .equal, SQLBind(yo)).orWhere("evaluador_id", .equal, SQLBind(yo))
                .orWhere("comision_id", .equal, SQLBind(yo)) }
        }
        let filas = try await q.groupBy("estado").all(decoding: Fila.self)
        var r: [EstadoEDL: Int] = [:]
        for f in filas { if let e = EstadoEDL(rawValue: f.estado) { r[e] = f.n } }
        return r
    }
}
