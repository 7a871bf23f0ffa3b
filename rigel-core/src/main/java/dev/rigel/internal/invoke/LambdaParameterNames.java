package dev.rigel.internal.invoke;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Recovers the parameter names of a lambda body. javac keeps no {@code MethodParameters} for the
 * synthetic method behind a lambda, even with {@code -parameters}, but with debug information
 * ({@code -g}, Maven's default) the method's local variable table names every parameter. Read once
 * per lambda at startup with ASM. (The type arguments of a lambda's parameters are lost: javac
 * writes neither a generic signature nor a local variable type table for them.)
 */
final class LambdaParameterNames {

    private LambdaParameterNames() {}

    /** Names of {@code method}'s parameters, or null when the class file carries none. */
    static String[] read(Method method) {
        Class<?> owner = method.getDeclaringClass();
        String resource = owner.getName().replace('.', '/') + ".class";
        ClassLoader loader =
                owner.getClassLoader() != null ? owner.getClassLoader() : ClassLoader.getSystemClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            return read(new ClassReader(in), method);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String[] read(ClassReader reader, Method method) {
        String descriptor = Type.getMethodDescriptor(method);
        boolean isStatic = Modifier.isStatic(method.getModifiers());
        Class<?>[] types = method.getParameterTypes();
        // local variable slot of each parameter: after `this` for instance methods; long/double take two
        int[] slots = new int[types.length];
        int slot = isStatic ? 0 : 1;
        for (int i = 0; i < types.length; i++) {
            slots[i] = slot;
            slot += types[i] == long.class || types[i] == double.class ? 2 : 1;
        }
        String[] names = new String[types.length];
        reader.accept(
                new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(
                            int access, String name, String desc, String signature, String[] exceptions) {
                        if (!name.equals(method.getName()) || !desc.equals(descriptor)) {
                            return null;
                        }
                        return new MethodVisitor(Opcodes.ASM9) {
                            @Override
                            public void visitLocalVariable(
                                    String local,
                                    String localDescriptor,
                                    String localSignature,
                                    Label start,
                                    Label end,
                                    int index) {
                                for (int i = 0; i < slots.length; i++) {
                                    if (slots[i] == index && names[i] == null) {
                                        names[i] = local;
                                    }
                                }
                            }
                        };
                    }
                },
                ClassReader.SKIP_FRAMES);
        for (String name : names) {
            if (name == null) {
                return null;
            }
        }
        return names;
    }
}
