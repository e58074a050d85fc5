import Fluent
import Foundation
import PactaCore
import Vapor

/// A result of some instrument that calls for a formato de mejoramiento individual.
struct CandidatoMejoramiento: Sendable, Hashable {
    let instrumento: TipoInstrumento
    let evaluacionID: UUID
    let servidorID: UUID
    let jefeID: UUID?
    let vigencia: String
    /// centésimas
    let resultado: Int
}

/// Each instrument says which of its results, in a year, fall below a threshold; registered in configure.
protocol FuenteDeMejoramiento: Sendable {
    func candidatos(entidad: UUID, anio: Int, umbral: Int, on db: any Database) async throws -> [CandidatoMejoramiento]
}

extension Application {
    private struct FuentesKey: StorageKey { typealias Value = [any FuenteDeMejoramiento] }

    /// The instruments whose results can call for a formato de mejoramiento individual.
    var fuentesDeMejoramiento: [any FuenteDeMejoramiento] {
        get { storage[FuentesKey.self] ?? [] }
        set { storage[FuentesKey.self] = newValue }
    }
}

/// Seed 001, activities 18–20, for every instrument: Talento Humano sends the formatos to whom the
/// results require them, the jefe and the evaluado fill them in, they are followed up to closure.
enum MejoramientoService {
    struct EnviarInput: Content {
        var anio: Int?
        var umbral: String?
    }

    struct DiligenciarInput: Content {
        var oportunidades: String?
        var acciones: [AccionDeMejoraInput]?
    }

    struct AccionDeMejoraInput: Content {
        var descripcion: String?
        var responsable: String?
        var fecha: String?
        var indicador: String?
    }

    struct SeguimientoInput: Content {
        var avance: String?
        var nota: String?
    }

    struct CierreInput: Content {
        var cierre: String?
    }

    /// Creates the missing formatos for the results below `umbral` and tells the servant and the jefe.
    static func enviar(_ input: EnviarInput, fuentes: [any FuenteDeMejoramiento], _ actor: Actor, hoy: Fecha,
                       on db: any Database) async throws -> Int {
        try actor.exigir(.gestionarEvaluaciones)
        var c = Campos()
        let anio = input.anio ?? 0
        if !(2000...2100).contains(anio) { c.falla("anio", "Escriba el año de los resultados.") }
        let umbral = Campos.limpio(input.umbral).flatMap { Puntaje(texto: $0) }
        if umbral == nil || umbral! < .cero || umbral! > .cien { c.falla("umbral", "El umbral va de 0 a 100.") }
        try c.lanzarSiHayErrores()
        let cal = try await CalendarioService.calendario(actor.entidadID, on: db)
        return try await db.escribir { db in
            var n = 0
            for fuente in fuentes {
                for k in try await fuente.candidatos(entidad: actor.entidadID, anio: anio, umbral: umbral!.centesimas, on: db) {
                    if try await FormatoMejoramiento.query(on: db).filter(\.$instrumento == k.instrumento)
                        .filter(\.$evaluacionID == k.evaluacionID).count() > 0 { continue }
                    let f = FormatoMejoramiento()
                    f.$entidad.id = actor.entidadID
                    f.$servidor.id = k.servidorID
                    f.$jefe.id = k.jefeID
                    f.instrumento = k.instrumento
                    f.evaluacionID = k.evaluacionID
                    f.vigencia = k.vigencia
                    f.resultado = k.resultado
                    f.umbral = umbral!.centesimas
                    f.estado = .enviado
                    f.enviadoEl = hoy.iso
                    f.vence = FlujoMejoramiento.plazoDiligenciar.vence(desde: hoy, calendario: cal).iso
                    f.oportunidades = ""
                    f.acciones = []
                    f.seguimientos = []
                    f.version = 0
                    try await f.create(on: db)
                    n += 1
                    for (s, quien) in [(k.servidorID, "evaluado"), (k.jefeID, "jefe")] {
                        guard let s else { continue }
                        try await AvisosService.encolar(
                            on: db, entidadID: actor.entidadID, servidorID: s, clave: "mejoramiento:\(f.id!):\(quien)",
                            asunto: "Formato de mejoramiento individual por diligenciar",
                            cuerpo: "Talento Humano envió un formato de mejoramiento individual (\(k.instrumento.nombre), \(k.vigencia): \(Puntaje(centesimas: k.resultado).texto)). Diligéncielo a más tardar el \(Fecha(iso: f.vence)!.texto).",
                            enlace: "/mejoramiento/\(f.id!)")
                    }
                }
            }
            try await AuditLog.registrar(on: db, actor: actor, accion: "mejoramiento.enviar", tipo: FormatoMejoramiento.schema,
                                         id: "\(anio)", antes: Optional<String>.none, despues: ["enviados": "\(n)", "umbral": umbral!.texto])
            return n
        }
    }

    static func roles(_ f: FormatoMejoramiento, _ actor: Actor) -> Set<RolMejoramiento> {
        guard f.$entidad.id == actor.entidadID else { return [] }
        var r = Set<RolMejoramiento>()
        if let s = actor.servidorID {
            if f.$servidor.id == s { r.insert(.evaluado) }
            if f.$jefe.id == s { r.insert(.jefe) }
        }
        if actor.puede(.gestionarEvaluaciones) && !r.contains(.evaluado) { r.insert(.talentoHumano) }
        return r
    }

    static func obtener(_ id: UUID?, _ actor: Actor, on db: any Database) async throws -> (FormatoMejoramiento, Set<RolMejoramiento>) {
        guard let id, let f = try await FormatoMejoramiento.query(on: db).filter(\.$id == id)
            .filter(\.$entidad.$id == actor.entidadID).first() else { throw PactaError.noEncontrado("El formato de mejoramiento") }
        let r = roles(f, actor)
        guard !r.isEmpty || actor.puede(.verEvaluaciones) else { throw PactaError.noEncontrado("El formato de mejoramiento") }
        return (f, r)
    }

    static func listar(_ actor: Actor, estado: EstadoMejoramiento?, on db: any Database) async throws -> [FormatoMejoramiento] {
        var q = FormatoMejoramiento.query(on: db).filter(\.$entidad.$id == actor.entidadID)
        if !(actor.puede(.gestionarEvaluaciones) || actor.puede(.verEvaluaciones)) {
            let propio = actor.servidorID ?? UUID()
            q = q.group(.or) { $0.filter(\.$servidor.$id == propio).filter(\.$jefe.$id == propio) }
        }
        if let estado { q = q.filter(\.$estado == estado) }
        return try await q.with(\.$servidor).sort(\.$enviadoEl, .descending).all()
    }

    /// One action on a formato: the workflow table of PactaCore decides who may do it and when; the
    /// change is audited in the same transaction.
    static func escribir(_ id: UUID?, _ actor: Actor, accion: AccionMejoramiento, on db: any Database,
                         _ cambio: @escaping @Sendable (FormatoMejoramiento) -> Void) async throws -> FormatoMejoramiento {
        try await db.escribir { db in
            let (f, roles) = try await obtener(id, actor, on: db)
            let hechos: Set<Condicion> = f.seguimientos.isEmpty ? [FlujoMejoramiento.sinSeguimientos] : []
            let (_, hacia) = try TransicionService.decidir(FlujoMejoramiento.flujo, preferencia: [.evaluado, .jefe, .talentoHumano],
                                                           estado: f.estado, roles: roles, accion: accion, hechos: hechos)
            let antes = [f.estado.rawValue, f.oportunidades, f.accionesJSON, f.seguimientosJSON]
            cambio(f)
            f.estado = hacia
            f.version += 1
            try await f.save(on: db)
            try await AuditLog.registrar(on: db, actor: actor, accion: "mejoramiento.\(accion.rawValue)", tipo: FormatoMejoramiento.schema,
                                         id: f.id!.uuidString, antes: antes, despues: [f.estado.rawValue, f.oportunidades, f.accionesJSON, f.seguimientosJSON])
            return f
        }
    }

    /// The jefe and the evaluado write the opportunities and the agreed actions; then it is followed up.
    static func diligenciar(_ id: UUID?, _ input: DiligenciarInput, _ actor: Actor, on db: any Database) async throws -> FormatoMejoramiento {
        var c = Campos()
        let oportunidades = c.texto("oportunidades", input.oportunidades, etiqueta: "Las oportunidades de mejora", max: 4000)
        var acciones: [FormatoMejoramiento.AccionDeMejora] = []
        for (i, a) in (input.acciones ?? []).enumerated() {
            if [a.descripcion, a.responsable, a.fecha, a.indicador].allSatisfy({ Campos.limpio($0) == nil }) { continue }
            let n = i + 1
            let d = c.texto("acciones[\(n)].descripcion", a.descripcion, etiqueta: "La acción \(n)", max: 1000)
            let r = c.texto("acciones[\(n)].responsable", a.responsable, etiqueta: "El responsable de la acción \(n)", max: 200)
            let f = c.fecha("acciones[\(n)].fecha", a.fecha, etiqueta: "La fecha de la acción \(n)", obligatorio: true)
            let ind = c.opcional("acciones[\(n)].indicador", a.indicador, etiqueta: "El indicador", max: 500) ?? ""
            acciones.append(.init(descripcion: d, responsable: r, fecha: f?.iso ?? "", indicador: ind))
        }
        if acciones.isEmpty { c.falla("acciones", "Registre al menos una acción de mejora con su responsable y su fecha.") }
        try c.lanzarSiHayErrores()
        let leidas = acciones
        return try await escribir(id, actor, accion: .diligenciar, on: db) { f in
            f.oportunidades = oportunidades
            f.acciones = leidas
        }
    }

    static func seguimiento(_ id: UUID?, _ input: SeguimientoInput, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> FormatoMejoramiento {
        var c = Campos()
        let avance = Campos.limpio(input.avance).flatMap { Int($0.replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces)) }
        if avance == nil || !(0...100).contains(avance!) { c.falla("avance", "El avance es un porcentaje de 0 a 100.") }
        let nota = c.texto("nota", input.nota, etiqueta: "La nota del seguimiento", max: 2000)
        try c.lanzarSiHayErrores()
        let nombre = actor.nombre
        return try await escribir(id, actor, accion: .registrarSeguimiento, on: db) { f in
            f.seguimientos = f.seguimientos + [.init(fecha: hoy.iso, autor: nombre, avance: avance!, nota: nota)]
        }
    }

    static func cerrar(_ id: UUID?, _ input: CierreInput, _ actor: Actor, hoy: Fecha, on db: any Database) async throws -> FormatoMejoramiento {
        var c = Campos()
        let cierre = c.texto("cierre", input.cierre, etiqueta: "La conclusión del cierre", max: 2000)
        try c.lanzarSiHayErrores()
        return try await escribir(id, actor, accion: .cerrar, on: db) { f in
            f.cerradoEl = hoy.iso
            f.cierre = cierre
        }
    }
}
