import Fluent
import Foundation
import PactaCore
import Vapor

/// A realistic demo entity: dependencias (with two alcaldías locales), procesos, empleos, servidores
/// of every vinculación and nivel with their jefes, two gerentes públicos and one account per role.
enum DemoData {
    static let sigla = "DEMO"
    static let contrasena = "Pacta2026demo"

    struct Cuenta: Sendable { let usuario: String; let rol: String; let quien: String }
    struct Resultado: Sendable { let entidadID: UUID; let servidores: Int; let cuentas: [Cuenta]; let yaExistia: Bool }

    /// A small deterministic generator so every run builds the same entity.
    struct Aleatorio {
        var estado: UInt64
        mutating func siguiente() -> UInt64 {
            estado = estado &* 6364136223846793005 &+ 1442695040888963407
            return estado >> 33
        }
        mutating func elegir<T>(_ xs: [T]) -> T { xs[Int(siguiente() % UInt64(xs.count))] }
    }

    static let nombresF = ["María", "Luisa", "Ana", "Carolina", "Paola", "Diana", "Sandra", "Juliana", "Natalia", "Marcela", "Adriana", "Claudia", "Lina", "Andrea"]
    static let nombresM = ["Carlos", "Andrés", "Jorge", "Luis", "Felipe", "Camilo", "Julián", "Diego", "Mauricio", "Óscar", "Hernán", "Sebastián", "Iván", "Fabio"]
    static let apellidos = ["Rodríguez", "Gómez", "González", "Martínez", "García", "López", "Hernández", "Sánchez", "Ramírez", "Pérez", "Díaz", "Muñoz",
                            "Rojas", "Moreno", "Jiménez", "Vargas", "Castro", "Ortiz", "Rubio", "Suárez", "Ospina", "Cárdenas", "Peña", "Quintero"]

    static func cargar(_ app: Application, servidores total: Int = 40) async throws -> Resultado {
        if let e = try await Entidad.query(on: app.db).filter(\.$sigla == sigla).first() {
            let n = try await Servidor.query(on: app.db).filter(\.$entidad.$id == e.id!).count()
            return Resultado(entidadID: e.id!, servidores: n, cuentas: cuentas, yaExistia: true)
        }
        let hash = try await app.password.async.hash(contrasena)
        return try await app.db.escribir { db in
            var rng = Aleatorio(estado: 20_260_122)
            let entidad = Entidad(nombre: "Secretaría Distrital de Gobierno (demostración)", sigla: sigla, nit: "899999061-9")
            try await entidad.create(on: db)
            let eid = entidad.id!

            func dep(_ codigo: String, _ nombre: String, _ tipo: TipoDependencia, _ padre: Dependencia?) async throws -> Dependencia {
                let d = Dependencia(entidadID: eid, codigo: codigo, nombre: nombre, tipo: tipo, padreID: padre?.id)
                try await d.create(on: db)
                return d
            }
            let des = try await dep("100", "Despacho del Secretario", .despacho, nil)
            let oap = try await dep("110", "Oficina Asesora de Planeación", .oficina, des)
            let oci = try await dep("120", "Oficina de Control Interno", .oficina, des)
            let sgc = try await dep("200", "Subsecretaría de Gestión Corporativa", .secretaria, des)
            let dth = try await dep("210", "Dirección de Talento Humano", .direccion, sgc)
            let sgi = try await dep("300", "Subsecretaría de Gestión Institucional", .secretaria, des)
            let git = try await dep("310", "Grupo de Gestión Documental", .grupo, sgi)
            let al1 = try await dep("AL01", "Alcaldía Local de Usaquén", .alcaldiaLocal, des)
            let al2 = try await dep("AL02", "Alcaldía Local de Chapinero", .alcaldiaLocal, des)

            for (c, n, t, l) in [("PE-01", "Planeación Institucional", TipoProceso.estrategico, oap), ("AP-02", "Gestión del Talento Humano", .apoyo, dth),
                                 ("EV-03", "Evaluación Independiente", .evaluacion, oci), ("MI-04", "Inspección, Vigilancia y Control", .misional, al1),
                                 ("AP-05", "Gestión Documental", .apoyo, git)] {
                try await Proceso(entidadID: eid, codigo: c, nombre: n, tipo: t, dependenciaLiderID: l.id).create(on: db)
            }

            func empleo(_ d: String, _ c: String, _ g: String, _ n: NivelJerarquico) async throws -> Empleo {
                let e = Empleo(entidadID: eid, denominacion: d, codigo: c, grado: g, nivel: n)
                try await e.create(on: db)
                return e
            }
            let secretario = try await empleo("Secretario de Despacho", "020", "09", .directivo)
            let subsecretario = try await empleo("Subsecretario de Despacho", "045", "08", .directivo)
            let jefeOficina = try await empleo("Jefe de Oficina", "006", "05", .directivo)
            let director = try await empleo("Director Técnico", "009", "07", .directivo)
            let alcalde = try await empleo("Alcalde Local", "030", "08", .directivo)
            let asesor = try await empleo("Asesor", "105", "03", .asesor)
            let especializado = try await empleo("Profesional Especializado", "222", "24", .profesional)
            let universitario = try await empleo("Profesional Universitario", "219", "11", .profesional)
            let tecnico = try await empleo("Técnico Operativo", "314", "05", .tecnico)
            let auxiliar = try await empleo("Auxiliar Administrativo", "407", "13", .asistencial)
            let secretarioEj = try await empleo("Secretario Ejecutivo", "425", "20", .asistencial)

            var documento = 52_100_000
            var creados = 0
            func persona(_ v: TipoVinculacion, _ e: Empleo, _ d: Dependencia, _ jefe: Servidor?, posesion: Fecha? = nil) async throws -> Servidor {
                documento += 1 + Int(rng.siguiente() % 37)
                let mujer = rng.siguiente() % 2 == 0
                let nombre = rng.elegir(mujer ? nombresF : nombresM)
                let ap = "\(rng.elegir(apellidos)) \(rng.elegir(apellidos))"
                let usuarioCorreo = Texto.normalizar("\(nombre).\(ap.split(separator: " ")[0])").replacingOccurrences(of: " ", with: ".")
                let f = posesion ?? Fecha(2010 + Int(rng.siguiente() % 15), 1 + Int(rng.siguiente() % 12), 1 + Int(rng.siguiente() % 28))
                let s = Servidor(entidadID: eid, documento: String(documento), nombres: nombre, apellidos: ap,
                                 correo: "\(usuarioCorreo)\(documento % 1000)@gobierno.example.gov.co", tipoVinculacion: v, fechaPosesion: f,
                                 empleoID: e.id, dependenciaID: d.id, jefeID: jefe?.id)
                try await s.create(on: db)
                creados += 1
                return s
            }

            // Directivos: the Secretario is the superior jerárquico of the two gerentes públicos.
            let sec = try await persona(.libreNombramiento, secretario, des, nil)
            let gerente1 = try await persona(.gerentePublico, subsecretario, sgc, sec)
            let gerente2 = try await persona(.gerentePublico, subsecretario, sgi, sec)
            let jefeOAP = try await persona(.libreNombramiento, jefeOficina, oap, sec)
            let jefeOCI = try await persona(.libreNombramiento, jefeOficina, oci, sec)
            let dirTH = try await persona(.libreNombramiento, director, dth, gerente1)
            let alcalde1 = try await persona(.libreNombramiento, alcalde, al1, sec)
            let alcalde2 = try await persona(.libreNombramiento, alcalde, al2, sec)
            let coordDoc = try await persona(.carrera, especializado, git, gerente2)
            _ = try await persona(.libreNombramiento, asesor, des, sec)

            // Staff under each jefe, covering every vinculación and nivel.
            let equipos: [(Servidor, Dependencia)] = [(jefeOAP, oap), (jefeOCI, oci), (dirTH, dth), (alcalde1, al1), (alcalde2, al2), (coordDoc, git)]
            let planta: [(TipoVinculacion, Empleo)] = [
                (.carrera, especializado), (.carrera, universitario), (.carrera, tecnico), (.carrera, auxiliar), (.periodoDePrueba, universitario),
                (.provisional, universitario), (.provisional, tecnico), (.temporal, auxiliar), (.carrera, secretarioEj), (.provisional, especializado),
            ]
            var evaluado: Servidor?
            var talentoHumano: Servidor?
            var i = 0
            // Past the first teams, staff goes under coordinadores de grupo (about 12 each), as in a real
            // entity: no jefe evaluates thousands of people.
            var coordinadores: [Int: Servidor] = [:]
            while creados < total {
                let equipo = i % equipos.count
                let (cabeza, d) = equipos[equipo]
                var jefe = cabeza
                if i >= 60 {
                    if i % (12 * equipos.count) < equipos.count || coordinadores[equipo] == nil {
                        coordinadores[equipo] = try await persona(.libreNombramiento, especializado, d, cabeza)
                        if creados >= total { break }
                    }
                    jefe = coordinadores[equipo]!
                }
                let (v, e) = planta[(i / equipos.count + i) % planta.count]
                let posesion = v == .periodoDePrueba ? Fecha(2026, 8, 3) : nil
                let s = try await persona(v, e, d, jefe, posesion: posesion)
                if evaluado == nil && jefe === alcalde1 && v == .carrera { evaluado = s }
                if talentoHumano == nil && jefe === dirTH && e === especializado { talentoHumano = s }
                i += 1
            }
            guard let evaluado else { throw PactaError.conflicto("La demostración necesita al menos 40 servidores.") }

            func cuenta(_ usuario: String, _ rol: Rol, _ s: Servidor?, nombre: String? = nil) async throws {
                try await Usuario(entidadID: eid, nombreUsuario: usuario, nombre: nombre ?? s?.nombreCompleto ?? usuario, passwordHash: hash,
                                  rol: rol, servidorID: s?.id).create(on: db)
            }
            try await cuenta("demo.admin", .administrador, nil, nombre: "Administración Pacta (demostración)")
            try await cuenta("demo.th", .talentoHumano, talentoHumano ?? dirTH)
            try await cuenta("demo.oap", .planeacion, jefeOAP)
            try await cuenta("demo.oci", .controlInterno, jefeOCI)
            try await cuenta("demo.jefe", .servidor, alcalde1)
            try await cuenta("demo.evaluado", .servidor, evaluado)
            try await cuenta("demo.superior", .servidor, sec)
            try await cuenta("demo.gerente", .servidor, gerente1)
            try await AuditLog.registrar(on: db, actor: nil, accion: "cargar datos de demostración", tipo: "entidad", id: eid.uuidString,
                                         antes: Optional<Nada>.none, despues: ["servidores": String(creados)], entidadID: eid)
            return Resultado(entidadID: eid, servidores: creados, cuentas: cuentas, yaExistia: false)
        }
    }

    /// A servant as the instruments' generators need it.
    struct Persona {
        let id: UUID
        let nombre: String
        let jefe: UUID?
        let dependencia: UUID?
        let nivel: NivelJerarquico
        let vinculacion: TipoVinculacion
        let posesion: Fecha?
        let documento: String
    }

    /// The entity's active servants with the level of their empleo.
    static func personas(_ eid: UUID, on db: any Database) async throws -> [Persona] {
        let niveles = Dictionary(uniqueKeysWithValues: try await Empleo.query(on: db).filter(\.$entidad.$id == eid).all().map { ($0.id!, $0.nivel) })
        return try await Servidor.query(on: db).filter(\.$entidad.$id == eid).filter(\.$activo == true).all().map { s in
            Persona(id: s.id!, nombre: s.nombreCompleto, jefe: s.$jefe.id, dependencia: s.$dependencia.id,
                    nivel: s.$empleo.id.flatMap { niveles[$0] } ?? .profesional, vinculacion: s.tipoVinculacion,
                    posesion: s.posesion, documento: s.documento)
        }
    }

    static let cuentas: [Cuenta] = [
        .init(usuario: "demo.admin", rol: Rol.administrador.nombre, quien: "administración de la entidad"),
        .init(usuario: "demo.th", rol: Rol.talentoHumano.nombre, quien: "profesional de la Dirección de Talento Humano"),
        .init(usuario: "demo.oap", rol: Rol.planeacion.nombre, quien: "jefe de la Oficina Asesora de Planeación"),
        .init(usuario: "demo.oci", rol: Rol.controlInterno.nombre, quien: "jefe de la Oficina de Control Interno"),
        .init(usuario: "demo.jefe", rol: "Jefe inmediato / evaluador", quien: "alcalde local de Usaquén"),
        .init(usuario: "demo.evaluado", rol: "Evaluado (carrera)", quien: "profesional de la Alcaldía Local de Usaquén"),
        .init(usuario: "demo.superior", rol: "Superior jerárquico", quien: "Secretario de Despacho"),
        .init(usuario: "demo.gerente", rol: "Gerente público", quien: "Subsecretario de Gestión Corporativa"),
    ]
}
