package org.armach.mach.kern;

import static org.armach.mach.ipc.KernReturn.*;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.armach.mach.ipc.KernelRights;
import org.armach.mach.ipc.MachPortRights;
import org.armach.mach.ipc.MsgType;
import org.armach.mach.ipc.Port;

/**
 * Runs the boot script over the boot modules (PROTOCOLS §5): (1) parse every line and run
 * the task-creating functions in line order; (2) per command with a task: build argv
 * (ports become send rights named 1, 2, 3…), load the ELF, build the stack, create the
 * thread — the task stays suspended; (3) resume the tasks marked task-resume, in order.
 */
public final class Bootstrap {
    private final Kernel k;
    private final Map<String, Object> vars;

    public Bootstrap(Kernel k, String commandLine) {
        this.k = k;
        this.vars = BootScript.commandLineVariables(commandLine);
        vars.put("host-port", k.host.privPort());
        vars.put("device-port", k.devices.masterPort());
    }

    /** Boots the modules; returns the tasks created, in line order. */
    public List<Task> run(List<BootModule> modules) {
        List<BootScript.Command> cmds = new ArrayList<>();
        Map<BootScript.Command, BootModule> image = new IdentityHashMap<>();
        for (BootModule m : modules) {
            if (m.bootargs() == null) continue;
            BootScript.Command c = BootScript.parseLine(m.bootargs());
            if (c == null) continue;
            cmds.add(c);
            image.put(c, m);
        }
        Map<BootScript.Command, Task> taskOf = new IdentityHashMap<>();
        for (BootScript.Command c : cmds) {
            Task t = bind(c);
            if (t != null) taskOf.put(c, t);
        }
        List<Task> out = new ArrayList<>();
        for (BootScript.Command c : cmds) {
            Task t = taskOf.get(c);
            if (t == null) continue;
            load(c, t, image.get(c).image());
            out.add(t);
        }
        for (BootScript.Command c : cmds) {
            Task t = taskOf.get(c);
            if (t != null && c.resumes()) {
                k.print("start " + c.path + "\n");
                k.taskOps.resume(t);
            }
        }
        return out;
    }

    private Task bind(BootScript.Command c) {
        Task mine = null;
        for (String[] b : c.bindings) {
            if (b[2].equals("fn")) {
                if (!b[1].equals("task-create")) throw new BootScript.ScriptException("unknown function " + b[1]);
                Task t = newTask(c);
                vars.put(b[0], t);
                mine = t;
            } else {
                vars.put(b[0], vars.containsKey(b[1]) ? vars.get(b[1]) : b[1]);
            }
        }
        for (String fn : c.calls) {
            switch (fn) {
                case "task-create": mine = newTask(c); break;
                case "task-resume": case "prompt-task-resume": break;
                default: throw new BootScript.ScriptException("unknown function " + fn);
            }
        }
        return mine;
    }

    private Task newTask(BootScript.Command c) {
        Task t = k.taskOps.create(null, false, c.path);
        k.taskOps.suspend(t);
        return t;
    }

    private void load(BootScript.Command c, Task t, byte[] elf) {
        List<String> argv = new ArrayList<>();
        argv.add(c.path);
        for (List<BootScript.Piece> word : c.args) argv.add(argument(t, word));
        k.print("task loaded: " + String.join(" ", argv) + "\n");
        long entry = ElfImage.load(t.vm, elf, c.path);
        long sp = UserStack.build(t.vm, argv, List.of());
        KThread th = k.taskOps.createThread(t);
        th.ctx.pc = entry;
        th.ctx.sp = sp;
        k.taskOps.resume(th);
    }

    private String argument(Task t, List<BootScript.Piece> word) {
        StringBuilder sb = new StringBuilder();
        for (BootScript.Piece p : word) {
            if (p.literal() != null) {
                sb.append(p.literal());
                continue;
            }
            if (!vars.containsKey(p.symbol())) throw new BootScript.ScriptException("undefined symbol ${" + p.symbol() + "}");
            Object v = vars.get(p.symbol());
            if (v instanceof Task) v = ((Task) v).self;
            if (v instanceof Port) sb.append(Integer.toUnsignedString(insertSend(t, (Port) v)));
            else sb.append(v);
        }
        return sb.toString();
    }

    /** Inserts a send right under the first free name 1, 2, 3… (task_insert_send_right). */
    static int insertSend(Task t, Port p) {
        for (int name = 1; name > 0; name++) {
            Port right = p.makeSend();
            int kr = MachPortRights.insertRight(t.space, name, right, MsgType.PORT_SEND);
            if (kr == KERN_SUCCESS) return name;
            if (kr != KERN_NAME_EXISTS) return KernelRights.copyout(t.space, right, MsgType.PORT_SEND);
            t.kernel.ipc.releaseRight(right, MsgType.PORT_SEND);
        }
        return 0;
    }
}
