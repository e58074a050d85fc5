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
        try actor.exigir(.gestionarEDL)
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

            let servidores = try await Servidor.query(on: db).filter(\.$entidad.$id == actor.entidadID)
                .filter(\.$activo == true).filter(\.$tipoVinculacion ~~ def.vinculaciones).with(\.$empleo).all()
            var nuevas: [EvaluacionEDL] = []
            var omitidos = 0, sinEvaluador = 0
            var porEvaluador: [UUID: Int] = [:]
            for s in servidores {
                let posesion = s.posesion
                let enPrueba = s.tipoVinculacion == .periodoDePrueba
                var inicio = max(fechas.periodo.inicio, posesion ?? fechas.periodo.inicio)
                var fin = fechas.periodo.fin
                if enPrueba, let posesion {
                    inicio = posesion
                    fin = PeriodoDePrueba.fin(posesion: posesion, interrupciones: [], meses: def.mesesPeriodoDePrueba,
                                              diasInterrupcion: def.diasInterrupcionPrueba)
                    // A período de prueba that ended before this period, or starts after it, is not this period's.
                    if fin < fechas.periodo.inicio || inicio > fechas.periodo.fin { omitidos += 1; continue }
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
                e.enPrueba = enPrueba
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
                    on: db, entidadID: actor.entidadID, servidorID: evaluador, clave: "apertura|\(p.id!.uuidString)|\(evaluador.uuidString)",
                    asunto: "Concertar compromisos: \(p.nombre)",
                    cuerpo: "Se abrió el \(p.nombre) de evaluación del desempeño. Debe concertar los compromisos de \(n) \(n == 1 ? "servidor" : "servidores") a su cargo.",
                    enlace: "/edl")
            }
            try await AuditLog.registrar(on: db, actor: actor, accion: "abrir", tipo: "periodo_edl", id: p.id!.uuidString,
                                         antes: Optional<Nada>.none,
                                         despues: ["nombre": p.nombre, "instrumento": instrumento.nombre, "evaluaciones": "\(nuevas.count)"])
            return Apertura(periodo: p, creadas: nuevas.count, sinEvaluador: sinEvaluador, omitidos: omitidos)
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

    /// Evaluations per stage in the period (one grouped query; fast at 50 000).
    static func conteoPorEstado(_ periodoID: UUID, on db: any Database) async throws -> [EstadoEDL: Int] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        struct Fila: Decodable { let estado: String; let n: Int }
        let filas = try await sql.select().column("estado").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("evaluaciones_edl").where("periodo_id", .equal, SQLBind(periodoID)).groupBy("estado")
            .all(decoding: Fila.self)
        var r: [EstadoEDL: Int] = [:]
        for f in filas { if let e = EstadoEDL(rawValue: f.estado) { r[e] = f.n } }
        return r
    }
}
