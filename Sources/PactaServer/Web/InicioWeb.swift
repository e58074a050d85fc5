import Fluent
import Foundation
import PactaCore
import SQLKit
import Vapor

/// The landing page of each role: what is due from them and by when.
enum InicioWeb {
    static func register(_ r: any RoutesBuilder) {
        r.get(use: inicio)
    }

    struct Pendiente: Encodable {
        let texto: String
        let enlace: String
        let detalle: String
        let urgente: Bool
    }

    struct Barra: Encodable { let etiqueta: String; let valor: Int; let porcentaje: Int }

    struct Contexto: Encodable {
        let saludo: String
        let rol: String
        let pendientes: [Pendiente]
        let tarjetas: [Tarjeta]
        let porVinculacion: [Barra]
        let equipo: [Miembro]
        let ficha: Miembro?
        let proximosFestivos: [String]
        let hoyEsHabil: Bool
        let hoy: String
        /// What the servant must do on the EDL evaluations they take part in, soonest first.
        let edl: [PendienteEDL]
        let edlMas: Int
        let conServidor: Bool
        /// Talento Humano: late concertaciones per period.
        let edlAtrasos: [AtrasoEDL]
        /// What the servant must do on the Gestión Institucional evaluations they take part in.
        let gestion: [PendienteEDL]
    }

    struct PendienteEDL: Encodable { let tarea: String; let quien: String; let enlace: String; let vence: String?; let plazo: String; let vencido: Bool }
    struct ResumenPlanta: Sendable {
        var porVinculacion: [TipoVinculacion: Int] = [:]
        var sinJefe = 0
        var sinEmpleo = 0
    }

    /// Active servants per tipo de vinculación, and those without jefe or empleo, in one grouped query
    /// (nine counts over 50 000 rows made the home page slow).
    static func resumenDePlanta(_ entidadID: UUID, on db: any Database) async throws -> ResumenPlanta {
        guard let sql = db as? any SQLDatabase else { return ResumenPlanta() }
        struct Fila: Decodable { let tipo: String; let n: Int; let sinJefe: Int; let sinEmpleo: Int }
        func faltan(_ columna: String) -> SQLExpression {
            SQLFunction("SUM", args: SQLRaw("CASE WHEN \(columna) IS NULL THEN 1 ELSE 0 END"))
        }
        let filas = try await sql.select()
            .column(SQLColumn("tipo_vinculacion"), as: "tipo")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .column(faltan("jefe_id"), as: "sinJefe")
            .column(faltan("empleo_id"), as: "sinEmpleo")
            .from(Servidor.schema)
            .where("entidad_id", .equal, SQLBind(entidadID)).where("activo", .equal, SQLBind(true))
            .groupBy("tipo_vinculacion")
            .all(decoding: Fila.self)
        var r = ResumenPlanta()
        for f in filas {
            if let v = TipoVinculacion(rawValue: f.tipo) { r.porVinculacion[v, default: 0] += f.n }
            r.sinJefe += f.sinJefe
            r.sinEmpleo += f.sinEmpleo
        }
        return r
    }

    struct AtrasoEDL: Encodable { let periodo: String; let texto: String; let enlace: String; let urgente: Bool }

    /// What the EDL cycle expects from Talento Humano across the recent periods: late concertaciones,
    /// ratings to notify, notified ratings whose término for recursos passed (to declare en firme),
    /// parciales past due or without evaluador, evaluations without evaluador, and No satisfactorias en firme.
    static func tareasDeTalentoHumano(_ actor: Actor, hoy: Fecha, calendario: Calendario, on db: any Database) async throws -> [AtrasoEDL] {
        var r: [AtrasoEDL] = []
        let abiertos: [EstadoEDL] = [.porConcertar, .porFirmar, .enSeguimiento]
        for p in try await PeriodoEDL.query(on: db).filter(\.$entidad.$id == actor.entidadID).sort(\.$inicio, .descending).limit(12).all() {
            let ruta = "/edl/periodos/\(p.id!.uuidString)"
            func contar(_ q: (QueryBuilder<EvaluacionEDL>) -> QueryBuilder<EvaluacionEDL>) async throws -> Int {
                try await q(EvaluacionEDL.query(on: db).filter(\.$periodo.$id == p.id!)).count()
            }
            let sinConcertar = try await contar { $0.filter(\.$estado ~~ [.porConcertar, .porFirmar]).filter(\.$venceConcertacion < hoy.iso) }
            if sinConcertar > 0 {
                r.append(AtrasoEDL(periodo: p.nombre, texto: "\(sinConcertar) evaluación(es) sin concertar dentro del plazo", enlace: "\(ruta)?atraso=concertacion", urgente: true))
            }
            let porNotificar = try await contar { $0.filter(\.$estado == .calificada) }
            if porNotificar > 0 {
                r.append(AtrasoEDL(periodo: p.nombre, texto: "\(porNotificar) calificación(es) por notificar", enlace: "\(ruta)?atraso=notificacion", urgente: false))
            }
            // Notified on or before `corte`: the término for recursos has passed.
            let terminos = Terminos(definicion: try p.definicion, calendario: calendario)
            var corte = hoy.sumandoDias(-1)
            while terminos.recursos(notificada: corte) >= hoy { corte = corte.sumandoDias(-1) }
            let porFirmeza = try await contar { $0.filter(\.$estado == .notificada).filter(\.$notificadaEl <= corte.iso) }
            if porFirmeza > 0 {
                r.append(AtrasoEDL(periodo: p.nombre, texto: "\(porFirmeza) notificada(s) con el término de recursos vencido: declarar en firme",
                                   enlace: "\(ruta)?estado=notificada", urgente: true))
            }
            let sinEvaluador = try await contar { $0.filter(\.$estado ~~ abiertos).filter(\.$evaluador.$id == nil) }
            if sinEvaluador > 0 {
                r.append(AtrasoEDL(periodo: p.nombre, texto: "\(sinEvaluador) evaluación(es) sin evaluador (registre el jefe inmediato)",
                                   enlace: "/servidores?incompletos=sin_jefe", urgente: false))
            }
            let parcialesVencidas = try await TramoEDL.query(on: db).join(EvaluacionEDL.self, on: \TramoEDL.$evaluacion.$id == \EvaluacionEDL.$id)
                .filter(EvaluacionEDL.self, \.$periodo.$id == p.id!).filter(\.$estado == .abierto).filter(\.$vence < hoy.iso).count()
            if parcialesVencidas > 0 {
                r.append(AtrasoEDL(periodo: p.nombre, texto: "\(parcialesVencidas) evaluación(es) parcial(es) eventual(es) vencida(s) sin calificar",
                                   enlace: "\(ruta)/reportes", urgente: true))
            }
            let noSatisfactorias = try await contar { $0.filter(\.$estado == .enFirme).filter(\.$satisfactoria == false) }
            if noSatisfactorias > 0 {
                r.append(AtrasoEDL(periodo: p.nombre, texto: "\(noSatisfactorias) No satisfactoria(s) en firme para la declaratoria de insubsistencia",
                                   enlace: "/edl/insubsistencia", urgente: false))
            }
        }
        return r
    }

    struct Tarjeta: Encodable { let titulo: String; let cifra: Int; let enlace: String }
    struct Miembro: Encodable { let id: UUID; let nombre: String; let empleo: String; let vinculacion: String; let instrumento: String }

    static func miembro(_ s: Servidor) -> Miembro {
        Miembro(id: s.id!, nombre: s.nombreCompleto, empleo: s.empleo?.titulo ?? "Sin empleo asignado",
                vinculacion: s.tipoVinculacion.nombre, instrumento: s.tipoVinculacion.instrumento.nombre)
    }

    /// Pure query part, testable without HTTP.
    static func contexto(_ actor: Actor, hoy: Fecha, on db: any Database) async throws -> Contexto {
        var pendientes: [Pendiente] = []
        var tarjetas: [Tarjeta] = []
        var barras: [Barra] = []
        let cal = try await CalendarioService.calendario(actor.entidadID, on: db)
        // The active staff by vinculación, and how many lack a jefe or an empleo: one pass over the table.
        let plantilla = actor.puede(.verTodosLosServidores) || actor.puede(.gestionarServidores)
            ? try await resumenDePlanta(actor.entidadID, on: db) : ResumenPlanta()
        if actor.puede(.verTodosLosServidores) {
            let total = plantilla.porVinculacion.values.reduce(0, +)
            tarjetas.append(Tarjeta(titulo: "Servidores activos", cifra: total, enlace: "/servidores"))
            tarjetas.append(Tarjeta(titulo: "Dependencias", cifra: try await Dependencia.query(on: db).filter(\.$entidad.$id == actor.entidadID).count(), enlace: "/estructura/dependencias"))
            tarjetas.append(Tarjeta(titulo: "Procesos", cifra: try await Proceso.query(on: db).filter(\.$entidad.$id == actor.entidadID).count(), enlace: "/estructura/procesos"))
            for v in TipoVinculacion.allCases {
                let n = plantilla.porVinculacion[v] ?? 0
                barras.append(Barra(etiqueta: v.nombre, valor: n, porcentaje: total == 0 ? 0 : Int((Double(n) * 100 / Double(total)).rounded())))
            }
        }
        if actor.puede(.gestionarServidores) {
            let sinJefe = plantilla.sinJefe
            if sinJefe > 0 {
                pendientes.append(Pendiente(texto: "\(sinJefe) servidor(es) sin jefe inmediato", enlace: "/servidores?incompletos=sin_jefe",
                                            detalle: "Sin jefe no se les puede asignar evaluador.", urgente: false))
            }
            let sinEmpleo = plantilla.sinEmpleo
            if sinEmpleo > 0 {
                pendientes.append(Pendiente(texto: "\(sinEmpleo) servidor(es) sin empleo asignado", enlace: "/servidores?incompletos=sin_empleo",
                                            detalle: "El nivel jerárquico del empleo define sus competencias.", urgente: false))
            }
        }
        if actor.puede(.importar) {
            let abiertas = try await ImportBatch.query(on: db).filter(\.$entidad.$id == actor.entidadID).filter(\.$usuario.$id == actor.usuarioID)
                .filter(\.$estado == .previsualizada).sort(\.$createdAt, .descending).all()
            for b in abiertas.prefix(5) {
                pendientes.append(Pendiente(texto: "Importación de \(b.tipo.nombre.lowercased()) sin aplicar: \(b.nombreArchivo)",
                                            enlace: "/importar/\(b.id!)", detalle: "Revise y aplique o descarte el archivo.", urgente: false))
            }
        }
        var equipo: [Miembro] = []
        var ficha: Miembro?
        if let sid = actor.servidorID, let propio = try await Servidor.query(on: db).filter(\.$id == sid).with(\.$empleo).first() {
            ficha = miembro(propio)
            equipo = try await ServidoresService.equipo(de: sid, actor, on: db).map(miembro)
        }
        // EDL: computed for all of one's evaluations with a fixed number of queries.
        var edl: [EDLWeb.PendienteVista] = []
        var evaluadoDe: [UUID: String] = [:]
        if actor.servidorID != nil {
            let evs = try await ListadoEDL.mias(actor, on: db)
            edl = try await EDLWeb.pendientes(evs, actor, hoy: hoy, on: db).values.flatMap { $0 }.filter(\.mio)
                .sorted { ($0.vence ?? "9999") < ($1.vence ?? "9999") }
            let otros = Set(evs.map { $0.$servidor.id }).subtracting([actor.servidorID].compactMap { $0 })
            let nombres = Dictionary(uniqueKeysWithValues: try await Servidor.query(on: db).filter(\.$id ~~ otros).all().map { ($0.id!, $0.nombreCompleto) })
            for ev in evs {
                evaluadoDe[ev.id!] = ev.$servidor.id == actor.servidorID ? "su evaluación" : nombres[ev.$servidor.id] ?? ""
            }
        }
        // Gestión Institucional: the same engine's "what is due", for one's own and one's team's.
        var gestion: [PendienteEDL] = []
        if let yo = actor.servidorID {
            let evs = try await EvaluacionGI.query(on: db).filter(\.$entidad.$id == actor.entidadID)
                .filter(\.$estado !~ [.finalizada, .cerrada])
                .group(.or) { $0.filter(\.$servidor.$id == yo).filter(\.$jefe.$id == yo) }.with(\.$servidor).all()
            let debidos = try await EvaluacionesGIService.pendientes(evs, hoy: hoy, on: db)
            for ev in evs {
                let roles = GestionAcceso.roles(ev, actor)
                for v in GestionWeb.vistas(debidos[ev.id!] ?? [], roles: roles, hoy: hoy, calendario: cal) where v.mio {
                    gestion.append(PendienteEDL(tarea: v.tarea, quien: ev.$servidor.id == yo ? "su evaluación" : ev.servidor.nombreCompleto,
                                                enlace: "/gestion/evaluaciones/\(ev.id!)", vence: v.venceTexto, plazo: v.plazo, vencido: v.vencido))
                }
            }
        }
        var atrasos: [AtrasoEDL] = []
        if actor.puede(.gestionarEvaluaciones) {
            atrasos = try await tareasDeTalentoHumano(actor, hoy: hoy, calendario: cal, on: db)
        }
        var proximos: [String] = []
        for anio in [hoy.anio, hoy.anio + 1] {
            for f in cal.festivos(anio) where f.fecha >= hoy && proximos.count < 3 {
                let dias = cal.diasHabiles(desde: hoy, hasta: f.fecha)
                proximos.append("\(f.fecha.texto) — \(f.nombre) (en \(dias) día(s) hábil(es))")
            }
        }
        return Contexto(saludo: actor.nombre, rol: actor.rol.nombre, pendientes: pendientes, tarjetas: tarjetas, porVinculacion: barras,
                        equipo: equipo, ficha: ficha, proximosFestivos: proximos, hoyEsHabil: cal.esHabil(hoy), hoy: hoy.texto,
                        edl: edl.prefix(15).map { p in
                            PendienteEDL(tarea: p.tarea, quien: evaluadoDe[p.evaluacionId] ?? "", enlace: "/edl/evaluaciones/\(p.evaluacionId.uuidString)",
                                         vence: p.venceTexto, plazo: p.plazo, vencido: p.vencido)
                        },
                        edlMas: max(0, edl.count - 15), conServidor: actor.servidorID != nil, edlAtrasos: atrasos,
                        gestion: Array(gestion.prefix(15)))
    }

    @Sendable static func inicio(req: Request) async throws -> Response {
        let actor = try req.actor()
        return try await req.pagina("inicio", "Inicio", contexto(actor, hoy: req.hoy, on: req.db))
    }
}
